package cn.fengtai.pool.standalone;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The document's JSON under the name API.md gives it, beside springdoc's own {@code /api/openapi} and its YAML. */
@Controller
class OpenApiJson {

    @GetMapping("/api/openapi.json")
    String json() {
        return "forward:/api/openapi";
    }
}
