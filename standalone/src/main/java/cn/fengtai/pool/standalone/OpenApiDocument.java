package cn.fengtai.pool.standalone;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * What springdoc cannot read off the controllers: the title, the one origin everything is served from (relative, so
 * the document is the same wherever it is served) and the two ways of signing in.
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
                        .license(new License().name("Apache-2.0")))
                .servers(List.of(new Server().url("/")))
                .components(new Components()
                        .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("the demo accounts of the embedded default, password demo"))
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT")
                                .description("tokens of the district's identity provider, in production")))
                .security(List.of(new SecurityRequirement().addList("basic"), new SecurityRequirement().addList("bearer")));
    }
}
