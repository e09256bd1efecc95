package cn.fengtai.pool.query.web;

/** Nothing is known under the asked id; answered 404. */
public final class NotFound extends RuntimeException {

    public NotFound(String message) {
        super(message, null, false, false);
    }
}
