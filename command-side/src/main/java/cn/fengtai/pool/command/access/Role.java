package cn.fengtai.pool.command.access;

/** The roles of API.md's "who" column. */
public enum Role {
    /** The district command centre (区城指中心): reviews, batches, carry-over, cancellation, appeal volumes. */
    DISTRICT,
    /** Funds and funding. */
    FINANCE,
    /** Reads everything, writes nothing. */
    AUDITOR,
    /** One street office: files and runs its own street's projects only. */
    STREET,
    /** One department: reports in and reports progress where it was summoned. */
    DEPARTMENT
}
