package cn.fengtai.pool.events;

/** The district's evaluation (评估) of a completed project. */
public enum Rating {
    EXCELLENT,
    GOOD,
    PASS,
    FAIL
}
