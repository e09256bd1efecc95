package cn.fengtai.pool.query.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The API's OpenAPI document in production, where the query side runs alone: the document committed at the
 * repository's root ({@code openapi.yaml}, which the launcher's build checks against what springdoc generates),
 * packed into this side's jar. Where springdoc runs (the embedded default) it serves these paths itself.
 */
@RestController
@ConditionalOnMissingClass("org.springdoc.core.configuration.SpringDocConfiguration")
class ContractDocument {

    static final String RESOURCE = "contract/openapi.yaml";

    @GetMapping(value = "/api/openapi.yaml", produces = "application/yaml")
    ResponseEntity<byte[]> yaml() throws IOException {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/yaml;charset=UTF-8")).body(read());
    }

    @GetMapping(value = "/api/openapi.json", produces = MediaType.APPLICATION_JSON_VALUE)
    String json() throws IOException {
        Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(new String(read(), StandardCharsets.UTF_8));
        return JsonMapper.builder().build().writeValueAsString(document);
    }

    static byte[] read() throws IOException {
        try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
            return in.readAllBytes();
        }
    }
}
