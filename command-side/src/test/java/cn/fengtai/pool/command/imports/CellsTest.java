package cn.fengtai.pool.command.imports;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each form a person types a cell in, read once, here. */
class CellsTest {

    @Test
    void codesAreReadFromTheCodeOrEitherLabel() {
        assertThat(Cells.code("streets", "西罗园街道")).isEqualTo("xiluoyuan");
        assertThat(Cells.code("streets", " xiluoyuan ")).isEqualTo("xiluoyuan");
        assertThat(Cells.code("categories", "改善居住条件")).isEqualTo("HOUSING");
        assertThat(Cells.code("categories", "housing")).isEqualTo("HOUSING");
        assertThat(Cells.code("categories", "Improve housing conditions")).isEqualTo("HOUSING");
        assertThat(Cells.code("channels", "12345热线")).isEqualTo("HOTLINE");
        assertThat(Cells.code("streets", "  ")).isNull();
        assertThatThrownBy(() -> Cells.code("streets", "火星街道")).isInstanceOf(Cells.Problem.class)
                .hasMessageContaining("火星街道");
    }

    @Test
    void listsAreSplitAtEverySeparatorPeopleUse() {
        assertThat(Cells.codes("issue-types", "停车管理、自行车管理")).containsExactly("PARKING", "BICYCLE_MANAGEMENT");
        assertThat(Cells.codes("issue-types", "PARKING,HOUSE_LEAK；停车管理;房屋滴漏，ROAD_REPAIR"))
                .containsExactly("PARKING", "HOUSE_LEAK", "PARKING", "HOUSE_LEAK", "ROAD_REPAIR");
        assertThat(Cells.tasks("施划车位；错时共享停车;加装路灯")).containsExactly("施划车位", "错时共享停车", "加装路灯");
        assertThat(Cells.list("")).isEmpty();
    }

    @Test
    void datesAreReadInEveryFormTheyAreTypedIn() {
        LocalDate day = LocalDate.of(2024, 6, 30);
        for (String form : List.of("2024-06-30", "2024/6/30", "2024.6.30", "2024年6月30日", "２０２４－０６－３０", " 2024-6-30 ")) {
            assertThat(Cells.date(form)).as(form).isEqualTo(day);
        }
        assertThatThrownBy(() -> Cells.date("2024-02-30")).isInstanceOf(Cells.Problem.class);
        assertThatThrownBy(() -> Cells.date("30/06/2024")).isInstanceOf(Cells.Problem.class);
        assertThat(Cells.month("2024-03")).isEqualTo("2024-03");
        assertThat(Cells.month("2024年3月")).isEqualTo("2024-03");
        assertThat(Cells.month("2024-03-01")).as("a date cell in a month column").isEqualTo("2024-03");
        assertThatThrownBy(() -> Cells.month("2024-13")).isInstanceOf(Cells.Problem.class);
    }

    @Test
    void amountsAreReadWithSeparatorsWidthsAndUnits() {
        assertThat(Cells.number("120,000")).isEqualByComparingTo("120000");
        assertThat(Cells.number("１２０，０００．５")).isEqualByComparingTo("120000.5");
        assertThat(Cells.number("5000元")).isEqualByComparingTo("5000");
        assertThat(Cells.number("￥3,500.00")).isEqualByComparingTo("3500");
        assertThat(Cells.number("60%")).isEqualByComparingTo("60");
        assertThatThrownBy(() -> Cells.number("abc")).isInstanceOf(Cells.Problem.class);
        assertThatThrownBy(() -> Cells.number("1.005")).isInstanceOf(Cells.Problem.class);
        assertThat(Cells.yesNo("是")).isTrue();
        assertThat(Cells.yesNo("否")).isFalse();
        assertThatThrownBy(() -> Cells.yesNo("也许")).isInstanceOf(Cells.Problem.class);
    }

    @Test
    void theEncodingOfACsvIsDetectedNotGuessed() {
        String text = "街镇,诉求类型,月份,诉求量\n西罗园街道,停车管理,2024-03,138\n";
        assertThat(SheetReader.charsetOf(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(StandardCharsets.UTF_8);
        assertThat(SheetReader.charsetOf(text.getBytes(SheetReader.GB18030))).isEqualTo(SheetReader.GB18030);
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] cut = java.util.Arrays.copyOf(utf8, 2);
        assertThat(SheetReader.charsetOf(cut)).as("a character cut by the sniffed length").isEqualTo(StandardCharsets.UTF_8);
    }
}
