package cn.fengtai.pool.standalone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
            examplesAreTheToursBodiesAndFitTheirSchemas(json);
            assertThat(json.at("/components/schemas/Problem/example/rule").asString()).isEqualTo("NotStarted");
        }
    }

    /**
     * The request examples are the README tour's bodies, each one a body the tour sends, with only fields its schema
     * has and every field it requires.
     */
    private static void examplesAreTheToursBodiesAndFitTheirSchemas(JsonNode document) throws Exception {
        tools.jackson.databind.ObjectMapper json = new tools.jackson.databind.ObjectMapper();
        java.util.Set<JsonNode> tour = new java.util.HashSet<>();
        java.util.regex.Matcher body = java.util.regex.Pattern.compile("-d '(\\{[^']*})'")
                .matcher(Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8));
        while (body.find()) tour.add(json.readTree(body.group(1)));
        int examples = 0;
        for (JsonNode path : document.path("paths")) {
            for (JsonNode operation : path) {
                JsonNode content = operation.at("/requestBody/content/application~1json");
                if (!content.has("example")) continue;
                examples++;
                JsonNode example = content.path("example");
                assertThat(tour).as(operation.path("operationId").asString() + "'s example is in the tour").contains(example);
                String ref = content.at("/schema/$ref").asString();
                if (ref.isEmpty()) continue;
                JsonNode schema = document.at(ref.substring(1));
                example.propertyNames().forEach(field -> assertThat(schema.path("properties").has(field))
                        .as(ref + " has " + field).isTrue());
                schema.path("required").forEach(field -> assertThat(example.has(field.asString()))
                        .as(operation.path("operationId").asString() + "'s example has " + field.asString()).isTrue());
            }
        }
        assertThat(examples).isGreaterThanOrEqualTo(10);
    }

    /**
     * springdoc names a schema after its record's simple name, so two records of one name would share one schema and
     * one of them would be described wrongly. The records of both sides have distinct names, but for a few that never
     * reach an answer or a request.
     */
    @Test
    void everyRecordOfTheSidesHasItsOwnSchemaName() throws Exception {
        var scanner = new org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new org.springframework.core.type.filter.AssignableTypeFilter(Record.class));
        java.util.Map<String, List<String>> byName = new java.util.TreeMap<>();
        for (String base : List.of("cn.fengtai.pool.command", "cn.fengtai.pool.query")) {
            for (var candidate : scanner.findCandidateComponents(base)) {
                String name = candidate.getBeanClassName();
                byName.computeIfAbsent(name.substring(Math.max(name.lastIndexOf('.'), name.lastIndexOf('$')) + 1),
                        n -> new java.util.ArrayList<>()).add(name);
            }
        }
        java.util.Set<String> internal = java.util.Set.of("Entry", "Stored", "Page", "Problem", "PlainRequest", "Actor");
        byName.forEach((name, classes) -> {
            if (!internal.contains(name)) assertThat(classes).as("records named " + name).hasSize(1);
        });
        assertThat(byName).hasSizeGreaterThan(40);
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
