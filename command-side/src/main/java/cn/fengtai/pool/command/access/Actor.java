package cn.fengtai.pool.command.access;

import cn.fengtai.pool.events.ActorMetaData;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Who issues a command: the signed-in user, its role, and the street or department it acts for. It travels as
 * command metadata, set from the authenticated principal and never from a request body, and the aggregates check it
 * with these guards before any rule of their own.
 */
public record Actor(String user, Role role, String street, String department) {

    public static final Actor NOBODY = new Actor(null, null, null, null);

    public static Actor from(Map<String, ?> metaData) {
        Object role = metaData.get(ActorMetaData.ROLE);
        if (role == null) return NOBODY;
        return new Actor((String) metaData.get(ActorMetaData.USER), Role.valueOf((String) role),
                (String) metaData.get(ActorMetaData.STREET), (String) metaData.get(ActorMetaData.DEPARTMENT));
    }

    public Map<String, Object> asMetaData() {
        Map<String, Object> metaData = new HashMap<>();
        if (user != null) metaData.put(ActorMetaData.USER, user);
        if (role != null) metaData.put(ActorMetaData.ROLE, role.name());
        if (street != null) metaData.put(ActorMetaData.STREET, street);
        if (department != null) metaData.put(ActorMetaData.DEPARTMENT, department);
        return metaData;
    }

    /** Only these roles may {@code what}. */
    public void mustBe(String what, Role... allowed) {
        for (Role r : allowed) {
            if (r == role) return;
        }
        throw new NotAllowed(describe() + " may not " + what, "账号 " + user + " 的角色无权执行此操作");
    }

    /** The district, or the office of {@code projectStreet}, may {@code what}. */
    public void mustBeDistrictOrOfficeOf(String projectStreet, String what) {
        if (role != Role.DISTRICT) mustBeOfficeOf(projectStreet, what);
    }

    /** Only the department itself may {@code what}. */
    public void mustBeDepartment(String code, String what) {
        if (role != Role.DEPARTMENT || !code.equals(department)) {
            throw new NotAllowed(describe() + " may not " + what + ": only department " + code + " may",
                    "此操作只能由部门 " + code + " 执行");
        }
    }

    /** Only the office of {@code projectStreet} may {@code what}. */
    public void mustBeOfficeOf(String projectStreet, String what) {
        if (role != Role.STREET || !projectStreet.equals(street)) {
            throw new NotAllowed(describe() + " may not " + what + ": only the office of " + projectStreet + " may",
                    "此操作只能由 " + projectStreet + " 的街镇办事处执行");
        }
    }

    /** The office of {@code projectStreet}, or a department among {@code summoned}, may {@code what}. */
    public void mustBeOfficeOrSummoned(String projectStreet, Collection<String> summoned, String what) {
        boolean office = role == Role.STREET && projectStreet.equals(street);
        boolean department = role == Role.DEPARTMENT && summoned.contains(this.department);
        if (!office && !department) {
            throw new NotAllowed(describe() + " may not " + what + ": only the office of " + projectStreet
                    + " or a summoned department may", "此操作只能由 " + projectStreet + " 的街镇办事处或被吹哨的部门执行");
        }
    }

    private String describe() {
        if (role == null) return "an anonymous caller";
        if (street != null) return user + " (" + role + " of " + street + ")";
        if (department != null) return user + " (" + role + " " + department + ")";
        return user + " (" + role + ")";
    }
}
