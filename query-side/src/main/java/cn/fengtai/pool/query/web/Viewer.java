package cn.fengtai.pool.query.web;

import cn.fengtai.pool.events.wiring.PoolAuthorities;
import cn.fengtai.pool.events.wiring.PoolAuthorities.Caller;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Collection;

/** Who is reading, and what that caller may see. */
public final class Viewer {

    private Viewer() {
    }

    public static Caller current() {
        return PoolAuthorities.caller(SecurityContextHolder.getContext().getAuthentication());
    }

    /**
     * Whether the caller may read a project's history and personal data: the district, finance and auditors always;
     * a street office for its own street's projects; a department for the projects it was summoned to.
     */
    public static boolean mayInspect(Caller caller, String street, Collection<String> summoned) {
        if (!caller.signedIn()) return false;
        if (caller.is("STREET")) return street.equals(caller.street());
        if (caller.is("DEPARTMENT")) return summoned.contains(caller.department());
        return true;
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
