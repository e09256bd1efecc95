package cn.fengtai.pool.query.access;

import cn.fengtai.pool.wiring.PoolAuthorities;
import cn.fengtai.pool.wiring.PoolAuthorities.Caller;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Collection;

/**
 * Who may read what, decided in one place for every reader: project lists and detail, history (JSON and CSV), the
 * event feed and its stream, exports and the past ({@code asOf}). Anonymous callers see listed projects without
 * personal data and the statistics of the present; the district, finance and auditors see everything; a street office
 * sees its own street's projects in full; a department those it was summoned to.
 */
public final class ReadingRules {

    private ReadingRules() {
    }

    public static Caller caller() {
        return PoolAuthorities.caller(SecurityContextHolder.getContext().getAuthentication());
    }

    /**
     * Whether the caller may read a project's history, its personal data and its events in the feed: the district,
     * finance and auditors always; a street office for its own street's projects; a department for the projects it was
     * summoned to.
     */
    public static boolean mayInspect(Caller caller, String street, Collection<String> summoned) {
        if (!caller.signedIn()) return false;
        if (caller.is("STREET")) return street != null && street.equals(caller.street());
        if (caller.is("DEPARTMENT")) return summoned.contains(caller.department());
        return true;
    }

    /** Whether the caller may see that a project exists: listed ones everybody, unlisted ones as {@link #unlisted}. */
    public static boolean maySee(Caller caller, String street, boolean listed) {
        return listed || seesAllUnlisted(caller) || (street != null && street.equals(unlisted(caller)));
    }

    /** Whether the caller sees every unlisted (filed, rejected, never listed) project: district, finance, auditors. */
    public static boolean seesAllUnlisted(Caller caller) {
        return caller.signedIn() && !caller.is("STREET") && !caller.is("DEPARTMENT");
    }

    /** The street whose unlisted projects a street office sees besides the listed ones; null for everyone else. */
    public static String unlisted(Caller caller) {
        return caller.is("STREET") ? caller.street() : null;
    }

    /** The pool as it stood in the past is for signed-in callers only. */
    public static void requirePast(Caller caller) {
        if (!caller.signedIn()) throw new NotSignedIn("sign in to see the pool as it stood in the past (asOf)");
    }

    /** The event feed and its stream are for signed-in callers only. */
    public static void requireFeed(Caller caller) {
        if (!caller.signedIn()) throw new NotSignedIn("sign in to read the event feed");
    }

    /** Whether the caller reads every event of the feed (the district, finance and auditors). */
    public static boolean readsWholeFeed(Caller caller) {
        return seesAllUnlisted(caller);
    }

    /**
     * Webhook subscriptions deliver the whole feed to another system: the district sets them up; auditors may look
     * at them (never at their secrets, which are shown once, to the district that created them).
     */
    public static void requireWebhooks(Caller caller, boolean change) {
        if (!caller.signedIn()) throw new NotSignedIn("sign in to see the webhook subscriptions");
        boolean allowed = "DISTRICT".equals(caller.role()) || (!change && "AUDITOR".equals(caller.role()));
        if (!allowed) {
            throw new NotAllowed(change ? "only the district sets up webhooks" : "only the district and auditors see webhooks");
        }
    }

    /** Thrown when a signed-in caller asks for a project it may not inspect. */
    public static final class NotAllowed extends RuntimeException {
        public NotAllowed(String message) {
            super(message, null, false, false);
        }
    }

    /** Thrown when an anonymous caller asks for something only signed-in callers see. */
    public static final class NotSignedIn extends RuntimeException {
        public NotSignedIn(String message) {
            super(message, null, false, false);
        }
    }
}
