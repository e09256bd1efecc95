package cn.fengtai.pool.command.dispatch;

import cn.fengtai.pool.command.access.Actor;
import cn.fengtai.pool.command.access.Role;
import cn.fengtai.pool.wiring.PoolAuthorities;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** Takes the actor from the authenticated principal, never from a request body. */
@Component
public class ActorResolver {

    public Actor current() {
        PoolAuthorities.Caller caller = PoolAuthorities.caller(SecurityContextHolder.getContext().getAuthentication());
        if (!caller.signedIn()) {
            return Actor.NOBODY;
        }
        return new Actor(caller.user(), Role.valueOf(caller.role()), caller.street(), caller.department());
    }
}
