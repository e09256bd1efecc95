package cn.fengtai.pool.query.web;

/** A query parameter that cannot be understood; answered 400 naming the parameter. */
public final class BadQuery extends RuntimeException {

    private final String parameter;

    public BadQuery(String parameter, String message) {
        super(message, null, false, false);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
