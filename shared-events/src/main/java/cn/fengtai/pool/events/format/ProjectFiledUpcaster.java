package cn.fengtai.pool.events.format;

import cn.fengtai.pool.events.project.ProjectFiled;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Reads revision 1 of {@link ProjectFiled}, the draft contract in which a project targeted a single
 * {@code issueType}, as revision 2, where a project targets a list {@code issueTypes} (a leaking-roof project is
 * often a sewer-backflow project too). Stored events are never rewritten; they are read through this.
 */
public class ProjectFiledUpcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(ProjectFiled.class.getName(), "1");
    private static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(ProjectFiled.class.getName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, ProjectFiledUpcaster::issueTypeToList);
    }

    static JsonNode issueTypeToList(JsonNode payload) {
        ObjectNode node = ((ObjectNode) payload).deepCopy();
        JsonNode single = node.remove("issueType");
        ArrayNode list = node.putArray("issueTypes");
        if (single != null && !single.isNull()) {
            list.add(single.asText());
        }
        return node;
    }
}
