package cn.fengtai.pool.events.reference;

import cn.fengtai.pool.events.Category;
import cn.fengtai.pool.events.Channel;
import cn.fengtai.pool.events.ProjectStatus;
import cn.fengtai.pool.events.Rating;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every code the events can carry has a Chinese and an English label, and the lists agree with the rules' codes. */
class ReferenceCodesTest {

    @Test
    void theEnumeratedListsNameEveryValueOnceWithBothLabels() {
        assertCodes("categories", Category.values());
        assertCodes("channels", Channel.values());
        assertCodes("statuses", ProjectStatus.values());
        assertCodes("ratings", Rating.values());
    }

    @Test
    void theCodeListsAreTheOnesTheRulesJudgeBy() {
        assertThat(codes("streets")).containsExactlyElementsOf(ReferenceCodes.streets().keySet()).hasSize(26);
        assertThat(codes("issue-types")).containsExactlyElementsOf(ReferenceCodes.issueTypes().keySet());
        assertThat(codes("departments")).containsExactlyElementsOf(ReferenceCodes.departments().keySet());
        for (String list : ReferenceCodes.LISTS) {
            assertThat(ReferenceCodes.labels(list)).as(list).allSatisfy(label -> {
                assertThat(label.zh()).isNotBlank();
                assertThat(label.en()).isNotBlank();
            });
        }
        assertThat(ReferenceCodes.labels("streets").stream().filter(l -> l.code().equals("xiluoyuan")).findFirst()
                .orElseThrow().zh()).isEqualTo("西罗园街道");
        assertThat(ReferenceCodes.labels("nothing")).isEmpty();
    }

    private static void assertCodes(String list, Enum<?>[] values) {
        assertThat(codes(list)).as(list).containsExactlyElementsOf(Arrays.stream(values).map(Enum::name).toList());
        assertThat(ReferenceCodes.labels(list)).as(list).allSatisfy(label -> {
            assertThat(label.zh()).isNotBlank();
            assertThat(label.en()).isNotBlank();
        });
    }

    private static List<String> codes(String list) {
        return ReferenceCodes.labels(list).stream().map(ReferenceCodes.Label::code).toList();
    }
}
