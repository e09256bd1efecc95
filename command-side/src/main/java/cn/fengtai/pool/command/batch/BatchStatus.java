package cn.fengtai.pool.command.batch;

/** A batch list takes approvals while OPEN, is fixed once PUBLISHED, and is done when CLOSED. */
public enum BatchStatus {
    OPEN,
    PUBLISHED,
    CLOSED
}
