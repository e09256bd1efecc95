package cn.fengtai.pool.events.schema;

import cn.fengtai.pool.events.EventTypes;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    }

    /** Every reference to another file resolves from the document's own place, in the repository as when served. */
    @Test
    void everyReferenceResolvesFromTheDocumentsPlace() throws IOException {
        Path document = Path.of("src/main/resources/asyncapi.yaml");
        String asyncApi = Files.readString(document, StandardCharsets.UTF_8);
        Matcher refs = Pattern.compile("\\$ref: '([^#'][^']*)'").matcher(asyncApi);
        int files = 0;
        while (refs.find()) {
            assertThat(document.resolveSibling(refs.group(1))).as(refs.group(1)).exists();
            files++;
        }
        assertThat(files).isEqualTo(EventTypes.ALL.size());
        // AsyncAPI 3 knows HTTP Basic as type http with scheme basic; "httpBasic" is no type of its.
        assertThat(asyncApi).doesNotContain("httpBasic").contains("scheme: basic");
    }
}
