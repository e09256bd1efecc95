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

/** Every rule a command can be refused by has its Chinese title, and no title is left for a rule that went. */
class RefusalTitlesTest {

    @Test
    void everyRefusalHasAChineseTitle() throws Exception {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(Refusal.class));
        Set<String> rules = scanner.findCandidateComponents("cn.fengtai.pool.command").stream()
                .map(BeanDefinition::getBeanClassName).map(name -> name.substring(name.lastIndexOf('.') + 1).replaceAll(".*\\$", ""))
                .collect(Collectors.toSet());
        Properties titles = new Properties();
        try (var in = getClass().getResourceAsStream("/refusals_zh.properties")) {
            titles.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        assertThat(rules).hasSizeGreaterThan(20);
        assertThat(titles.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(rules);
        titles.values().forEach(title -> assertThat((String) title).matches(".*\\p{IsHan}.*"));
    }
}
