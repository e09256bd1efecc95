package cn.fengtai.pool.command.dispatch;

import cn.fengtai.pool.events.ActorMetaData;

import java.util.HashMap;
import java.util.Map;

/** Who issues a command: the signed-in user, its role, and the street or department it acts for. */
public record Actor(String user, String role, String street, String department) {

    Map<String, Object> asMetaData() {
        Map<String, Object> metaData = new HashMap<>();
        metaData.put(ActorMetaData.USER, user);
        metaData.put(ActorMetaData.ROLE, role);
        if (street != null) metaData.put(ActorMetaData.STREET, street);
        if (department != null) metaData.put(ActorMetaData.DEPARTMENT, department);
        return metaData;
    }
}
