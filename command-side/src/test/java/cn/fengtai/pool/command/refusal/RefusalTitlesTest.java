package cn.fengtai.pool.command.refusal;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule a command can be refused by has its Chinese title and its Chinese sentence, and no title is left for a
 * rule that went.
 */
class RefusalTitlesTest {

    private static Set<Class<?>> refusals() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(Refusal.class));
        Set<Class<?>> classes = new java.util.HashSet<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("cn.fengtai.pool.command")) {
            classes.add(Class.forName(candidate.getBeanClassName()));
        }
        return classes;
    }

    /**
     * Each refusal made with sample arguments reads as a Chinese sentence naming them (a move it names, like
     * "completion", in Chinese). NotAllowed is given its sentence by the Actor: ProblemLanguageTest reads one.
     */
    @Test
    void everyRefusalHasAChineseSentence() throws Exception {
        for (Class<?> type : refusals()) {
            if (type == cn.fengtai.pool.command.access.NotAllowed.class) continue;
            assertThat(type.getDeclaredConstructors()).as(type.getSimpleName() + " has one constructor").hasSize(1);
            Refusal refusal = sampled(type);
            assertThat(refusal.zh()).as(type.getSimpleName()).matches(".*\\p{IsHan}.*").doesNotContain("null")
                    .doesNotContain("completion");
            for (Object argument : arguments(type)) {
                if (argument instanceof String text && text.startsWith("p-")) {
                    assertThat(refusal.zh()).as(type.getSimpleName() + " names its " + text).contains(text);
                }
            }
        }
    }

    private static Object sample(Class<?> type) {
        if (type == int.class) return 7;
        if (type == java.math.BigDecimal.class) return new java.math.BigDecimal("12.5");
        if (type.isEnum()) return type.getEnumConstants()[0];
        throw new IllegalArgumentException("no sample for " + type);
    }

    /**
     * docs/refusals.md lists every rule's problem type, status and titles with a sentence of each language, as the
     * command side answers them; {@code -Drefusals.write=true} writes it again after a rule changed.
     */
    @Test
    void theRefusalsAreDocumentedAsAnswered() throws Exception {
        Properties titles = new Properties();
        try (var in = getClass().getResourceAsStream("/refusals_zh.properties")) {
            titles.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        StringBuilder doc = new StringBuilder("""
                # Refusals

                A command a business rule refuses answers an RFC 9457 problem detail whose `type` names the rule
                (`urn:fengtai-pool:rule:<Rule>`, stable), with `rule` the same name; `title` and `detail` are in the
                reader's language (`Accept-Language`). Written from the code by `RefusalTitlesTest`
                (`-Drefusals.write=true`); the sentences below are made with sample values.

                | rule (`type`) | status | title (zh) | detail (en, sample) | detail (zh, sample) |
                | --- | --- | --- | --- | --- |
                """);
        List<Class<?>> sorted = refusals().stream().sorted(java.util.Comparator.comparing(Class::getSimpleName)).toList();
        for (Class<?> type : sorted) {
            Refusal refusal = sampled(type);
            int status = switch (refusal.kind()) {
                case INVALID_INPUT -> 400;
                case ILLEGAL_TRANSITION -> 409;
                case RULE_BROKEN -> 422;
                case NOT_ALLOWED -> 403;
            };
            doc.append("| `").append(type.getSimpleName()).append("` | ").append(status).append(" | ")
                    .append(titles.getProperty(type.getSimpleName())).append(" | ").append(refusal.getMessage().replace("|", "\\|"))
                    .append(" | ").append(refusal.zh().replace("|", "\\|")).append(" |\n");
        }
        java.nio.file.Path file = java.nio.file.Path.of("..", "docs", "refusals.md");
        if (Boolean.getBoolean("refusals.write")) java.nio.file.Files.writeString(file, doc.toString(), StandardCharsets.UTF_8);
        assertThat(java.nio.file.Files.readString(file, StandardCharsets.UTF_8))
                .as("docs/refusals.md differs from the code: run RefusalTitlesTest with -Drefusals.write=true").isEqualTo(doc.toString());
    }

    /** A refusal made with sample arguments. */
    private static Refusal sampled(Class<?> type) throws Exception {
        java.lang.reflect.Constructor<?> constructor = type.getDeclaredConstructors()[0];
        constructor.setAccessible(true);
        return (Refusal) constructor.newInstance(arguments(type));
    }

    /** "p-0", 7, 12.5, the first constant of an enum; a move it names ("completion"), a list ("street"). */
    private static Object[] arguments(Class<?> type) {
        Class<?>[] parameters = type.getDeclaredConstructors()[0].getParameterTypes();
        Object[] arguments = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            boolean move = i == parameters.length - 1 && parameters.length == 3 || type.getSimpleName().equals("AlreadyCompleted") && i == 1;
            boolean list = type.getSimpleName().equals("UnknownCode") && i == 0;
            boolean notAllowed = type == cn.fengtai.pool.command.access.NotAllowed.class;
            arguments[i] = parameters[i] != String.class ? sample(parameters[i])
                    : notAllowed ? (i == 0 ? "street.fengtai (STREET of fengtai) may not start a project: only the office of xiluoyuan may"
                    : "此操作只能由 xiluoyuan 的街镇办事处执行")
                    : move ? "completion" : list ? "street" : "p-" + i;
        }
        return arguments;
    }

    @Test
    void everyRefusalHasAChineseTitle() throws Exception {
        Set<String> rules = refusals().stream().map(Class::getSimpleName).collect(Collectors.toSet());
        Properties titles = new Properties();
        try (var in = getClass().getResourceAsStream("/refusals_zh.properties")) {
            titles.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        assertThat(rules).hasSizeGreaterThan(20);
        assertThat(titles.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(rules);
        titles.values().forEach(title -> assertThat((String) title).matches(".*\\p{IsHan}.*"));
    }
}
