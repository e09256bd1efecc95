package cn.fengtai.pool.wiring;

import cn.fengtai.pool.events.reference.ReferenceCodes;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import java.util.ArrayList;
import java.util.List;

/**
 * The demo accounts of the embedded default, all with password {@code demo}: {@code district}, {@code finance},
 * {@code auditor}, {@code street.<code>} for each street office and {@code dept.<code>} for each department. The
 * password is public, so it is stored as is: hashing a password everybody knows protects nothing and would cost a
 * bcrypt round on every request.
 */
final class DemoAccounts {

    static final String PASSWORD = "{noop}demo";

    private DemoAccounts() {
    }

    /**
     * A plain lookup, deliberately not the {@link InMemoryUserDetailsManager} itself: that class also updates
     * passwords, and Spring Security would then "upgrade" each {@code {noop}} password to bcrypt on first sign-in,
     * making every later request pay a bcrypt check (about 100 ms here).
     */
    static UserDetailsService all() {
        InMemoryUserDetailsManager accounts = accounts();
        return accounts::loadUserByUsername;
    }

    private static InMemoryUserDetailsManager accounts() {
        List<UserDetails> users = new ArrayList<>();
        users.add(user("district", "DISTRICT", null, null));
        users.add(user("finance", "FINANCE", null, null));
        users.add(user("auditor", "AUDITOR", null, null));
        ReferenceCodes.streets().keySet().forEach(code -> users.add(user("street." + code, "STREET", code, null)));
        ReferenceCodes.departments().keySet().forEach(code -> users.add(user("dept." + code, "DEPARTMENT", null, code)));
        return new InMemoryUserDetailsManager(users);
    }

    private static UserDetails user(String name, String role, String street, String department) {
        return User.withUsername(name).password(PASSWORD)
                .authorities(PoolAuthorities.of(role, street, department)).build();
    }
}
