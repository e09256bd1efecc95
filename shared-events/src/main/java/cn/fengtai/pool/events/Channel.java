package cn.fengtai.pool.events;

/** How the office learned of the need (上门问、微信说、意见箱, the hotline, or another way). */
public enum Channel {
    DOOR_VISIT,
    WECHAT,
    SUGGESTION_BOX,
    HOTLINE,
    OTHER
}
