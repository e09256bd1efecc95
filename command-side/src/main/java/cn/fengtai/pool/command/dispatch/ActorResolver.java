package cn.fengtai.pool.command.dispatch;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

import java.security.Principal;

/**
 * Takes the actor from the authenticated principal, never from a request body. Until sign-in exists (issue 7) an
 * unauthenticated request acts as the fixed district operator {@code district}.
 */
@Component
public class ActorResolver {

    public static final Actor DEFAULT = new Actor("district", "DISTRICT", null, null);

    public Actor resolve(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        if (principal == null) {
            return DEFAULT;
        }
        String name = principal.getName();
        if (name.startsWith("street.")) return new Actor(name, "STREET", name.substring(7), null);
        if (name.startsWith("dept.")) return new Actor(name, "DEPARTMENT", null, name.substring(5));
        return new Actor(name, name.toUpperCase(), null, null);
    }
}
