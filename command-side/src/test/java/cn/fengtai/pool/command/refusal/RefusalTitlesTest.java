package cn.fengtai.pool.command.refusal;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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
            for (java.lang.reflect.Constructor<?> constructor : type.getDeclaredConstructors()) {
                constructor.setAccessible(true);
                Class<?>[] parameters = constructor.getParameterTypes();
                Object[] arguments = new Object[parameters.length];
                for (int i = 0; i < parameters.length; i++) {
                    boolean move = i == parameters.length - 1 && parameters.length == 3 || type.getSimpleName().equals("AlreadyCompleted") && i == 1;
                    boolean list = type.getSimpleName().equals("UnknownCode") && i == 0;
                    arguments[i] = parameters[i] != String.class ? sample(parameters[i]) : move ? "completion" : list ? "street" : "p-" + i;
                }
                Refusal refusal = (Refusal) constructor.newInstance(arguments);
                assertThat(refusal.zh()).as(type.getSimpleName()).matches(".*\\p{IsHan}.*").doesNotContain("null")
                        .doesNotContain("completion");
                for (Object argument : arguments) {
                    if (argument instanceof String text && text.startsWith("p-")) {
                        assertThat(refusal.zh()).as(type.getSimpleName() + " names its " + text).contains(text);
                    }
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
