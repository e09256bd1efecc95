package cn.fengtai.pool.events.format;

import cn.fengtai.pool.events.Category;
import cn.fengtai.pool.events.Channel;
import cn.fengtai.pool.events.project.ProjectFiled;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class EventFormatTest {

    private final JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(EventJson.objectMapper()).build();

    @Test
    void eventsAreStoredWithIsoDatesPlainMoneyAndTheirRevision() {
        ProjectFiled filed = new ProjectFiled("p-1", "youanmen", "翠林三里社区", "22号楼楼顶防水", null,
                Category.HOUSING, List.of("HOUSE_LEAK"), Channel.HOTLINE, List.of(), new BigDecimal("86000.50"),
                LocalDate.of(2024, 3, 1), null);

        SerializedObject<String> json = serializer.serialize(filed, String.class);

        assertThat(json.getData()).contains("\"effectiveDate\":\"2024-03-01\"").contains("\"estimatedCost\":86000.50");
        assertThat(json.getType().getRevision()).isEqualTo("2");
        assertThat((Object) serializer.deserialize(json)).isEqualTo(filed);
    }

    @Test
    void revisionOneWithASingleIssueTypeIsReadAsRevisionTwo() {
        String revisionOne = """
                {"projectId":"p-1","street":"taipingqiao","community":"精图社区","title":"丽源路55号院外管线更换",
                 "description":null,"category":"HOUSING","issueType":"SEWER_BACKFLOW","channel":"DOOR_VISIT",
                 "appealRefs":[],"estimatedCost":180000.00,"effectiveDate":"2024-03-01","comment":"入户走访"}""";
        GenericDomainEventEntry<byte[]> stored = new GenericDomainEventEntry<>("Project", "p-1", 0, "e-1",
                Instant.parse("2024-03-01T02:00:00Z"), ProjectFiled.class.getName(), "1",
                revisionOne.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));

        IntermediateEventRepresentation upcast = new ProjectFiledUpcaster()
                .upcast(Stream.of(new InitialEventRepresentation(stored, serializer))).findFirst().orElseThrow();
        ProjectFiled filed = serializer.deserialize(upcast.getData());

        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        assertThat(filed.issueTypes()).containsExactly("SEWER_BACKFLOW");
        assertThat(filed.title()).isEqualTo("丽源路55号院外管线更换");
        assertThat(filed.estimatedCost()).isEqualByComparingTo("180000");
    }

    @Test
    void theCurrentRevisionPassesUntouched() {
        GenericDomainEventEntry<byte[]> stored = new GenericDomainEventEntry<>("Project", "p-1", 0, "e-1",
                Instant.now(), ProjectFiled.class.getName(), "2",
                "{\"projectId\":\"p-1\",\"issueTypes\":[\"PARKING\"]}".getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));

        IntermediateEventRepresentation read = new ProjectFiledUpcaster()
                .upcast(Stream.of(new InitialEventRepresentation(stored, serializer))).findFirst().orElseThrow();

        assertThat(((ProjectFiled) serializer.deserialize(read.getData())).issueTypes()).containsExactly("PARKING");
    }
}
