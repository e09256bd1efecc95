package cn.fengtai.pool.events.schema;

import cn.fengtai.pool.events.Category;
import cn.fengtai.pool.events.Channel;
import cn.fengtai.pool.events.EventTypes;
import cn.fengtai.pool.events.Rating;
import cn.fengtai.pool.events.appeal.AppealVolumeRecorded;
import cn.fengtai.pool.events.batch.BatchClosed;
import cn.fengtai.pool.events.batch.BatchCreated;
import cn.fengtai.pool.events.batch.BatchPublished;
import cn.fengtai.pool.events.batch.ProjectListed;
import cn.fengtai.pool.events.format.EventJson;
import cn.fengtai.pool.events.fund.FundAllocated;
import cn.fengtai.pool.events.fund.FundCreated;
import cn.fengtai.pool.events.project.*;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON Schemas in {@code src/main/resources/schemas} are generated from the event records and must not drift from
 * them: this test regenerates each one and fails on any difference. Run it with {@code -Dschemas.write=true} to
 * rewrite the files after changing an event (and bump its {@code @Revision} if the change is not additive).
 */
class EventSchemasTest {

    static final Path DIR = Path.of("src/main/resources/schemas");
    static final LocalDate DAY = LocalDate.of(2024, 8, 1);
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static ObjectNode generate(Class<?> event) {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(Option.NULLABLE_FIELDS_BY_DEFAULT);
        config.forTypesInGeneral().withStringFormatResolver(scope -> scope.getType().isInstanceOf(LocalDate.class) ? "date" : null);
        config.forFields().withRequiredCheck(field -> field.getName().equals("effectiveDate") || field.getDeclaredName().endsWith("Id"));
        ObjectNode schema = new SchemaGenerator(config.build()).generateSchema(event);
        schema.put("$id", "urn:fengtai:pool:schema:" + EventTypes.typeOf(event));
        schema.put("title", event.getSimpleName());
        schema.put("description", "data of CloudEvents type " + EventTypes.typeOf(event));
        return schema;
    }

    @Test
    void everyEventHasItsSchemaAndTheSchemaMatchesTheRecord() throws IOException {
        boolean write = Boolean.getBoolean("schemas.write");
        List<String> drifted = new ArrayList<>();
        for (Class<?> event : EventTypes.ALL) {
            String generated = json.writeValueAsString(generate(event)) + "\n";
            Path file = DIR.resolve(EventTypes.schemaFile(event));
            if (write) {
                Files.writeString(file, generated, StandardCharsets.UTF_8);
            } else if (!Files.exists(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(generated)) {
                drifted.add(file + " (regenerate with ./mvnw -pl shared-events test -Dtest=EventSchemasTest -Dschemas.write=true)");
            }
        }
        assertThat(drifted).isEmpty();
        try (var files = Files.list(DIR)) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).hasSize(EventTypes.ALL.size());
        }
    }

    @Test
    void realSerializedEventsValidateAgainstTheirSchemas() throws IOException {
        ObjectMapper eventJson = EventJson.objectMapper();
        List<Object> samples = List.of(
                new ProjectFiled("p", "xiluoyuan", "c", "t", null, Category.HOUSING, List.of("PARKING"), Channel.WECHAT, List.of(), new BigDecimal("1.50"), DAY, null),
                new ProjectApproved("p", "2024-1", "u", DAY, List.of("t"), DAY, "ok"),
                new ProjectRejected("p", "r", DAY, null), new ProjectFunded("p", "2024", BigDecimal.TEN, BigDecimal.TEN, DAY, null),
                new ProjectStarted("p", true, DAY, null), new ProjectProgressReported("p", 40, "n", DAY, null),
                new DepartmentsSummoned("p", List.of("transport"), null, DAY, null), new DepartmentReportedIn("p", "transport", "c", DAY, null),
                new ProjectCompleted("p", BigDecimal.ONE, "s", DAY, null), new ProjectEvaluated("p", Rating.PASS, null, DAY, null),
                new ProjectCarriedOver("p", "2024-1", "2024-2", "r", DAY, null), new ProjectCancelled("p", "r", DAY, null),
                new BatchCreated("2024-1", "n", 2024, DAY, null), new ProjectListed("2024-1", "p", null, DAY, null),
                new BatchPublished("2024-1", DAY, null), new BatchClosed("2024-1", "2024-2", DAY, null),
                new FundCreated("2024", 2024, BigDecimal.TEN, DAY, null), new FundAllocated("2024", "p", BigDecimal.ONE, new BigDecimal("9"), DAY, null),
                new AppealVolumeRecorded("xiluoyuan", "PARKING", "2024-03", 138, 261, DAY, null));
        assertThat(samples.stream().map(Object::getClass).toList()).containsExactlyInAnyOrderElementsOf(EventTypes.ALL);
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        for (Object sample : samples) {
            try (InputStream in = getClass().getResourceAsStream("/schemas/" + EventTypes.schemaFile(sample.getClass()))) {
                JsonSchema schema = factory.getSchema(in);
                JsonNode data = eventJson.readTree(eventJson.writeValueAsBytes(sample));
                Set<ValidationMessage> errors = schema.validate(data);
                assertThat(errors).as(sample.getClass().getSimpleName()).isEmpty();
            }
        }
        JsonSchema filed;
        try (InputStream in = getClass().getResourceAsStream("/schemas/" + EventTypes.schemaFile(ProjectFiled.class))) {
            filed = factory.getSchema(in);
        }
        assertThat(filed.validate(eventJson.readTree("{\"projectId\":5,\"category\":\"SPACE\"}")))
                .as("a schema that accepts anything proves nothing").isNotEmpty();
    }
}
