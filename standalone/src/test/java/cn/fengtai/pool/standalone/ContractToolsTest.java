package cn.fengtai.pool.standalone;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contracts as their users' own tools read them: the official AsyncAPI parser ({@code @asyncapi/parser}) accepts
 * the committed AsyncAPI document and the served one (its schema references resolved over HTTP) without an error, and
 * openapi-typescript generates a typed client from the served OpenAPI document that TypeScript compiles strictly with
 * the README tour's request bodies. The tools are pinned in {@code tools/contracts/package-lock.json} and installed
 * from the npm registry on first use ({@code npm ci}).
 */
class ContractToolsTest {

    private static final Path TOOLS = Path.of("..", "tools", "contracts").toAbsolutePath().normalize();

    @TempDir
    static Path data;
    static RunningPool pool;

    @BeforeAll
    static void start() throws Exception {
        if (!Files.isDirectory(TOOLS.resolve("node_modules"))) {
            String failed = run(TOOLS, List.of("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"), 300);
            if (failed != null) {
                String message = "the contract tools could not be installed with npm (" + failed + ")";
                if ("true".equalsIgnoreCase(System.getenv("CI"))) org.junit.jupiter.api.Assertions.fail(message);
                System.err.println("SKIPPED: " + message);
                org.junit.jupiter.api.Assumptions.abort(message);
            }
        }
        pool = RunningPool.start(data);
    }

    @AfterAll
    static void stop() {
        if (pool != null) pool.close();
    }

    @Test
    void theOfficialAsyncApiParserAcceptsTheCommittedAndTheServedDocument() throws Exception {
        Path committed = Path.of("..", "shared-events", "src", "main", "resources", "asyncapi.yaml").toAbsolutePath().normalize();
        assertThat(run(TOOLS, List.of("node", "check-asyncapi.mjs", committed.toString()), 120)).isNull();
        assertThat(run(TOOLS, List.of("node", "check-asyncapi.mjs", pool.base + "/api/asyncapi.yaml"), 120)).isNull();
    }

    @Test
    void aTypedClientIsGeneratedFromTheServedOpenApiDocumentAndCompiles(@TempDir Path client) throws Exception {
        Files.writeString(client.resolve("openapi.yaml"), pool.get("/api/openapi.yaml").raw().body(), StandardCharsets.UTF_8);
        assertThat(run(client, List.of("node", TOOLS.resolve("node_modules/openapi-typescript/bin/cli.js").toString(),
                "openapi.yaml", "-o", "pool.d.ts"), 120)).isNull();
        Files.writeString(client.resolve("use.ts"), """
                import type { paths, components } from "./pool";
                type FileBody = paths["/api/projects"]["post"]["requestBody"]["content"]["application/json"];
                type ProjectList = paths["/api/projects"]["get"]["parameters"]["query"];
                type Problem = components["schemas"]["Problem"];
                export const body: FileBody = { street: "xiluoyuan", community: "西罗园一区", title: "停车秩序治理",
                    category: "CONVENIENT_TRAVEL", issueTypes: ["PARKING"], channel: "DOOR_VISIT", estimatedCost: 120000 };
                export const query: ProjectList = { street: "xiluoyuan", status: "IN_PROGRESS" };
                export const problem: Problem = { type: "urn:fengtai-pool:rule:NotStarted", status: 409, rule: "NotStarted" };
                // @ts-expect-error: a street that is not one of the district's is a type error, not a runtime surprise
                export const wrong: ProjectList = { street: "atlantis" };
                """, StandardCharsets.UTF_8);
        assertThat(run(client, List.of("node", TOOLS.resolve("node_modules/typescript/bin/tsc").toString(), "--noEmit",
                "--strict", "--target", "es2020", "--moduleResolution", "node", "use.ts"), 120)).isNull();
    }

    /** Runs a command; null when it succeeded, else what it printed. */
    private static String run(Path directory, List<String> command, int seconds) throws IOException, InterruptedException {
        Path output = Files.createTempFile("contract-tool-", ".log");
        Process process;
        try {
            process = new ProcessBuilder(new ArrayList<>(command)).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
        } catch (IOException notInstalled) {
            return notInstalled.getMessage();
        }
        boolean done = process.waitFor(seconds, TimeUnit.SECONDS);
        if (!done) process.destroyForcibly();
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        System.out.println(String.join(" ", command) + "\n" + printed);
        Files.deleteIfExists(output);
        return done && process.exitValue() == 0 ? null : (done ? "exit " + process.exitValue() : "timed out") + ": " + printed;
    }
}
