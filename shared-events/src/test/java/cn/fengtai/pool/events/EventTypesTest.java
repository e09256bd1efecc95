package cn.fengtai.pool.events;

import cn.fengtai.pool.events.project.ProjectFiled;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cn.fengtai.pool.events.format.EventJson;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract names each event as the server stores it, without Axon: the revisions it lists are the records'
 * {@code @Revision}; and the consumer the README shows reads a page of the feed into the typed records.
 */
class EventTypesTest {

    @Test
    void theListedRevisionsAreTheRecordsOwn() {
        assertThat(EventTypes.ALL).hasSize(19);
        for (Class<?> event : EventTypes.ALL) {
            assertThat(EventTypes.revisionOf(event)).as(event.getSimpleName())
                    .isEqualTo(event.getAnnotation(Revision.class).value());
        }
        assertThat(EventTypes.typeOf(ProjectFiled.class)).isEqualTo("cn.fengtai.pool.project.ProjectFiled.v2");
    }

    @Test
    void theReadmesConsumerReadsAPageOfTheFeedIntoTypedRecords() throws Exception {
        String page = """
                {"events":[{"specversion":"1.0","id":"e1","type":"cn.fengtai.pool.project.ProjectFiled.v2","subject":"p1",
                  "position":7,"data":{"projectId":"p1","street":"xiluoyuan","title":"停车秩序治理","category":"CONVENIENT_TRAVEL",
                  "issueTypes":["PARKING"],"channel":"HOTLINE","appealRefs":[],"estimatedCost":120000,"effectiveDate":"2024-01-05",
                  "aNewField":"readers ignore what they do not know"}}],"next":7}""";
        // the consumer of shared-events/README.md, line for line
        ObjectMapper json = EventJson.objectMapper();
        List<Object> events = new ArrayList<>();
        for (JsonNode event : json.readTree(page).path("events")) {
            Class<?> type = EventTypes.byType(event.path("type").asText()).orElse(null);
            if (type == null) continue; // a type newer than this library: skip it, or upgrade
            events.add(json.treeToValue(event.path("data"), type));
        }
        assertThat(events).singleElement().isInstanceOfSatisfying(ProjectFiled.class, filed -> {
            assertThat(filed.street()).isEqualTo("xiluoyuan");
            assertThat(filed.issueTypes()).containsExactly("PARKING");
        });
    }
}
