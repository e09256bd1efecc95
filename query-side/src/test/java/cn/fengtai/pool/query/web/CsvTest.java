package cn.fengtai.pool.query.web;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** CSV answers: RFC 4180 through Commons CSV, read back by the same library, and the formula guard per character. */
class CsvTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {"=1+1|'=1+1", "+cmd|'+cmd", "-cmd|'-cmd", "@SUM(A1)|'@SUM(A1)", "-12.5|-12.5",
            "停车治理|停车治理"})
    void aCellThatStartsLikeAFormulaIsWrittenAsText(String value, String written) {
        assertThat(Csv.cell(value)).isEqualTo(written);
    }

    @Test
    void aLeadingTabOrCarriageReturnIsGuardedToo() {
        assertThat(Csv.cell("\t=cmd")).isEqualTo("'\t=cmd");
        assertThat(Csv.cell("\r=cmd")).isEqualTo("'\r=cmd");
    }

    @Test
    void quotedCommasQuotesAndLineBreaksSurviveARoundTrip() throws Exception {
        byte[] body = Csv.of("x.csv", List.of("title", "amount"),
                List.of(List.of("a, \"b\"\nc", new BigDecimal("1E+3")), List.of("西罗园", BigDecimal.ONE))).getBody();
        assertThat(body).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        String text = new String(body, StandardCharsets.UTF_8).substring(1);
        assertThat(text).contains("\r\n");
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(text)).getRecords();
        assertThat(rows.get(0).get("title")).isEqualTo("a, \"b\"\nc");
        assertThat(rows.get(0).get("amount")).isEqualTo("1000");
        assertThat(rows.get(1).get("title")).isEqualTo("西罗园");
    }
}
