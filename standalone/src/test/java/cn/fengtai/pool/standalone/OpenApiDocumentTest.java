package cn.fengtai.pool.standalone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document in the repository ({@code openapi.yaml}) is the one the application serves, generated from its
 * code, so it cannot drift: after a change of the API, write it again with {@code -Dopenapi.write=true}.
 */
class OpenApiDocumentTest {

    private static final Path COMMITTED = Path.of("..", "openapi.yaml");

    @TempDir
    Path data;

    @Test
    void theCommittedDocumentIsTheServedOne() throws Exception {
        try (RunningPool pool = RunningPool.start(data)) {
            RunningPool.Answer yaml = pool.get("/api/openapi.yaml");
            assertThat(yaml.status()).isEqualTo(200);
            String served = yaml.raw().body();
            if (Boolean.getBoolean("openapi.write")) Files.writeString(COMMITTED, served, StandardCharsets.UTF_8);
            assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
                    .as("openapi.yaml differs from what the application serves: run this test with -Dopenapi.write=true")
                    .isEqualTo(served);

            JsonNode json = pool.get("/api/openapi.json").body();
            assertThat(json.path("openapi").asString()).isEqualTo("3.1.0");
            JsonNode paths = json.path("paths");
            for (String path : new String[]{"/api/projects", "/api/projects/{id}", "/api/projects/{id}/approve",
                    "/api/projects/{id}/history", "/api/batches", "/api/batches/{id}/close", "/api/funds",
                    "/api/appeal-volumes", "/api/statistics/district", "/api/statistics/appeals", "/api/events",
                    "/api/reference/{list}", "/api/audit/verify", "/api/admin/projections/{name}/parked/retry"}) {
                assertThat(paths.has(path)).as(path).isTrue();
            }
            assertThat(json.path("components").path("securitySchemes").has("basic")).isTrue();
            assertThat(json.path("components").path("securitySchemes").has("bearer")).isTrue();
            assertThat(json.at("/paths/~1api~1projects/get/operationId").asString()).isEqualTo("ProjectQuery_list");
            assertThat(json.at("/paths/~1api~1projects/get/responses/400/content/application~1problem+json").isObject()).isTrue();
            assertThat(json.at("/paths/~1api~1projects~1{id}~1approve/post/responses/409").isObject()).isTrue();
            assertThat(json.findValues("operationId").stream().map(JsonNode::asString).distinct().count())
                    .as("operation ids are unique").isEqualTo(json.findValues("operationId").size());
            JsonNode streetParameter = null;
            for (JsonNode parameter : json.at("/paths/~1api~1projects/get/parameters")) {
                if (parameter.path("name").asString().equals("street")) streetParameter = parameter;
            }
            assertThat(streetParameter.at("/schema/enum").size()).as("the 26 street codes").isEqualTo(26);
            assertThat(pool.get("/api/docs").raw().statusCode()).as("Swagger UI").isIn(200, 302);
        }
    }

    /** The document parses with the parser OpenAPI generators use, without a message (an error or a warning). */
    @Test
    void theCommittedDocumentIsValidOpenApi() throws Exception {
        io.swagger.v3.parser.core.models.SwaggerParseResult result = new io.swagger.v3.parser.OpenAPIV3Parser()
                .readContents(Files.readString(COMMITTED, StandardCharsets.UTF_8));
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getPaths()).hasSizeGreaterThan(40);
    }
}
