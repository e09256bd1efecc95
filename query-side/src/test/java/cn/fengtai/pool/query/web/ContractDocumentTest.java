package cn.fengtai.pool.query.web;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The query side alone serves the committed OpenAPI document, as YAML and as JSON. */
class ContractDocumentTest {

    @Test
    void theCommittedDocumentIsPackedAndServedInBothForms() throws Exception {
        ContractDocument document = new ContractDocument();
        assertThat(document.yaml().getBody()).isEqualTo(Files.readAllBytes(Path.of("..", "openapi.yaml")));
        JsonNode json = JsonMapper.builder().build().readTree(document.json());
        assertThat(json.path("openapi").asString()).isEqualTo("3.1.0");
        assertThat(json.path("paths").has("/api/projects")).isTrue();
    }
}
