package cn.fengtai.pool.standalone;

import io.swagger.v3.oas.models.Components;
import cn.fengtai.pool.events.reference.ReferenceCodes;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What springdoc cannot read off the controllers: the title, the one origin everything is served from (relative, so
 * the document is the same wherever it is served), the two ways of signing in, the problem details every operation
 * may answer, the code lists a parameter takes (from the same reference files the rules judge codes by), operation
 * ids a generated client can name its methods after, and the request bodies of the README's tour as examples
 * ({@code openapi-examples.json}; OpenApiDocumentTest keeps the two the same).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiDocument {

    @Bean
    OpenAPI poolApi() {
        return new OpenAPI()
                .info(new Info().title("Livelihood project pool (民生项目池)").version("1")
                        .description("Commands, read models, statistics, audit and the event feed of a district's "
                                + "livelihood project pool. Errors are RFC 9457 problem details. The contract's prose: "
                                + "API.md; the events: asyncapi.yaml.")
                        .license(new License().name("Apache-2.0").identifier("Apache-2.0")))
                .servers(List.of(new Server().url("/")))
                .components(new Components()
                        .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("the demo accounts of the embedded default, password demo"))
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT")
                                .description("tokens of the district's identity provider, in production")))
                .security(List.of(new SecurityRequirement().addList("basic"), new SecurityRequirement().addList("bearer")));
    }

    /** {@code Controller.method}, e.g. {@code ProjectQuery_detail}: stable and unique, unlike springdoc's {@code list_1}. */
    @Bean
    OperationCustomizer operationIds() {
        return (operation, handler) -> operation.operationId(
                handler.getBeanType().getSimpleName().replace("Controller", "") + "_"
                        // the table answer of a path shares its operation with the JSON one
                        + handler.getMethod().getName().replaceAll("(Csv|Table)$", ""));
    }

    @Bean
    OpenApiCustomizer problemsAndCodes() {
        return openApi -> {
            openApi.getComponents().addSchemas("Problem", new Schema<Object>().types(java.util.Set.of("object"))
                    .description("RFC 9457 problem details; rule names the business rule a command broke")
                    .addProperty("type", new StringSchema()).addProperty("title", new StringSchema())
                    .addProperty("status", new IntegerSchema()).addProperty("detail", new StringSchema())
                    .addProperty("instance", new StringSchema()).addProperty("rule", new StringSchema())
                    .addProperty("errors", new ArraySchema().items(new ObjectSchema()
                            .addProperty("field", new StringSchema()).addProperty("message", new StringSchema())))
                    .example(example("""
                            {"type":"urn:fengtai-pool:rule:NotStarted","title":"项目尚未开始实施","status":409,
                             "detail":"项目 01a2520d 当前为“已入库”，只有实施中的项目才能报告进度",
                             "instance":"/api/projects/01a2520d/progress","rule":"NotStarted"}""")));
            Content problem = new Content().addMediaType("application/problem+json",
                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem")));
            Map<String, String> answers = new LinkedHashMap<>();
            answers.put("400", "the request is malformed or names something unknown; nothing was stored");
            answers.put("401", "signing in is required");
            answers.put("403", "the caller's role, street or department may not do this");
            answers.put("404", "nothing has that id");
            answers.put("409", "a business rule refused the command (rule names it); nothing was stored");
            answers.put("503", "the event store or the read models are unreachable; try again (Retry-After)");
            Map<String, List<String>> codes = new LinkedHashMap<>();
            codes.put("street", codes("streets"));
            codes.put("category", codes("categories"));
            codes.put("issueType", codes("issue-types"));
            codes.put("status", codes("statuses"));
            codes.put("channel", codes("channels"));
            codes.put("format", List.of("json", "csv", "xlsx"));
            codes.put("list", ReferenceCodes.LISTS);
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                answers.forEach((status, description) -> {
                    boolean command = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
                    if (status.equals("409") && !command) return;
                    if (!operation.getResponses().containsKey(status)) {
                        operation.getResponses().addApiResponse(status, new ApiResponse().description(description).content(problem));
                    }
                });
                // "status" of a webhook's deliveries is no project status
                if (operation.getParameters() == null || path.startsWith("/api/webhooks")) return;
                for (Parameter parameter : operation.getParameters()) {
                    List<String> allowed = codes.get(parameter.getName());
                    if (allowed == null || parameter.getSchema() == null || !"string".equals(type(parameter.getSchema()))) continue;
                    Schema<String> schema = new StringSchema();
                    allowed.forEach(schema::addEnumItemObject);
                    parameter.setSchema(schema);
                }
            }));
        };
    }

    /** The tour's request bodies as their operations' examples. */
    @Bean
    OpenApiCustomizer tourExamples() throws java.io.IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        Map<String, Object> examples;
        try (var in = OpenApiDocument.class.getResourceAsStream("/openapi-examples.json")) {
            examples = json.readValue(in, new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Object>>() {
            });
        }
        return openApi -> {
            openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
                Object example = examples.get(operation.getOperationId());
                if (example == null || operation.getRequestBody() == null) return;
                MediaType body = operation.getRequestBody().getContent().get("application/json");
                if (body != null) body.setExample(example);
            }));
        };
    }

    private static Object example(String json) {
        try {
            return io.swagger.v3.core.util.Json.mapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String type(Schema<?> schema) {
        if (schema.getType() != null) return schema.getType();
        return schema.getTypes() == null || schema.getTypes().isEmpty() ? null : schema.getTypes().iterator().next();
    }

    private static List<String> codes(String list) {
        return ReferenceCodes.labels(list).stream().map(ReferenceCodes.Label::code).toList();
    }
}
