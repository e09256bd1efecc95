package cn.fengtai.pool.events;

/** Where a project stands. Carrying over is a move between batch lists, not a status. */
public enum ProjectStatus {
    FILED,
    APPROVED,
    REJECTED,
    FUNDED,
    IN_PROGRESS,
    COMPLETED,
    CANCELLED;

    /** Listed and neither completed nor cancelled: the work is still owed. */
    public boolean isUnfinished() {
        return this == APPROVED || this == FUNDED || this == IN_PROGRESS;
    }
}
