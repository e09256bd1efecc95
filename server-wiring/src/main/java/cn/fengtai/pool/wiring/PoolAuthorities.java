package cn.fengtai.pool.wiring;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * How a signed-in caller is described to both sides, whether it signed in with a demo password or a JWT: a role
 * authority ({@code ROLE_DISTRICT}, {@code ROLE_FINANCE}, {@code ROLE_AUDITOR}, {@code ROLE_STREET},
 * {@code ROLE_DEPARTMENT}) and, for a street office or a department, whom it acts for ({@code STREET_xiluoyuan},
 * {@code DEPARTMENT_housing-bureau}).
 */
public final class PoolAuthorities {

    public static final String ROLE = "ROLE_";
    public static final String STREET = "STREET_";
    public static final String DEPARTMENT = "DEPARTMENT_";

    /** Who a caller is, as both sides read it. Anonymous callers have no role. */
    public record Caller(String user, String role, String street, String department) {

        public static final Caller ANONYMOUS = new Caller(null, null, null, null);

        public boolean signedIn() {
            return role != null;
        }

        public boolean is(String someRole) {
            return someRole.equals(role);
        }
    }

    private PoolAuthorities() {
    }

    public static List<GrantedAuthority> of(String role, String street, String department) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        if (role != null) authorities.add(new SimpleGrantedAuthority(ROLE + role.toUpperCase()));
        if (street != null) authorities.add(new SimpleGrantedAuthority(STREET + street));
        if (department != null) authorities.add(new SimpleGrantedAuthority(DEPARTMENT + department));
        return authorities;
    }

    public static Caller caller(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return Caller.ANONYMOUS;
        }
        String role = null;
        String street = null;
        String department = null;
        Collection<? extends GrantedAuthority> authorities = authentication.getAuthorities();
        for (GrantedAuthority authority : authorities) {
            String a = authority.getAuthority();
            if (a.startsWith(ROLE) && !a.equals("ROLE_ANONYMOUS")) role = a.substring(ROLE.length());
            else if (a.startsWith(STREET)) street = a.substring(STREET.length());
            else if (a.startsWith(DEPARTMENT)) department = a.substring(DEPARTMENT.length());
        }
        return role == null ? Caller.ANONYMOUS : new Caller(authentication.getName(), role, street, department);
    }
}
