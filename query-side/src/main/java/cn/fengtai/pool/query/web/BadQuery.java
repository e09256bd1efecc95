package cn.fengtai.pool.query.web;

/**
 * A query parameter, header or body field that cannot be understood; answered 400 naming it ("Invalid query", or
 * "Invalid input" for a field of a request body).
 */
public final class BadQuery extends RuntimeException {

    private final String parameter;
    private final boolean body;

    public BadQuery(String parameter, String message) {
        this(parameter, message, false);
    }

    private BadQuery(String parameter, String message, boolean body) {
        super(message, null, false, false);
        this.parameter = parameter;
        this.body = body;
    }

    /** A field of a request body that cannot be understood. */
    public static BadQuery inBody(String field, String message) {
        return new BadQuery(field, message, true);
    }

    public boolean inBody() {
        return body;
    }

    public String parameter() {
        return parameter;
    }
}
