package cn.fengtai.pool.events;

/**
 * Keys of the event metadata that say who did it. The actor is metadata, not payload: it is the same for every event
 * type and always comes from the signed-in principal, never from a request body.
 */
public final class ActorMetaData {

    public static final String USER = "actorUser";
    public static final String ROLE = "actorRole";
    /** The street office the actor acts for, when the actor is a street office. */
    public static final String STREET = "actorStreet";
    /** The department the actor acts for, when the actor is a department. */
    public static final String DEPARTMENT = "actorDepartment";
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";
    public static final String CORRELATION_ID = "correlationId";
    /** The spreadsheet import the event came from, when it did. */
    public static final String IMPORT_ID = "importId";
    /** The W3C trace context of the request that caused the event, carried into the CloudEvents and the logs. */
    public static final String TRACEPARENT = "traceparent";

    private ActorMetaData() {
    }
}
