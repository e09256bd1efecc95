package cn.fengtai.pool.events;

/** The four kinds of livelihood project (四类), codes from {@code reference/categories.csv}. */
public enum Category {
    HOUSING,
    PUBLIC_SAFETY,
    LIVABLE_ENVIRONMENT,
    CONVENIENT_TRAVEL
}
