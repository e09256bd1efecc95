package cn.fengtai.pool.events.schema;

import cn.fengtai.pool.events.EventTypes;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The AsyncAPI document lists every event type with its schema, on all three channels, so it cannot drift. */
class AsyncApiContractTest {

    @Test
    void everyEventTypeIsDescribedWithItsSchema() throws IOException {
        String asyncApi = Files.readString(Path.of("src/main/resources/asyncapi.yaml"), StandardCharsets.UTF_8);
        assertThat(asyncApi).startsWith("#").contains("asyncapi: 3.0.0");
        for (Class<?> event : EventTypes.ALL) {
            String type = EventTypes.typeOf(event);
            assertThat(asyncApi).contains("name: " + type).contains("const: " + type)
                    .contains("$ref: 'schemas/" + EventTypes.schemaFile(event) + "'");
            assertThat(Path.of("src/main/resources/schemas", EventTypes.schemaFile(event))).exists();
        }
        long listed = asyncApi.lines().filter(line -> line.startsWith("      name: " + EventTypes.PREFIX)).count();
        assertThat(listed).isEqualTo(EventTypes.ALL.size());
        assertThat(Files.readString(Path.of("asyncapi.yaml"), StandardCharsets.UTF_8)).isEqualTo(asyncApi);
    }
}
