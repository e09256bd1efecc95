package cn.fengtai.pool.command.imports;

import cn.fengtai.pool.command.access.Actor;
import cn.fengtai.pool.command.appeal.RecordAppealVolume;
import cn.fengtai.pool.command.dispatch.CommandAnswer;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/** The hotline's monthly appeal counts: a street, an issue type, a month and its count a row. */
final class AppealVolumeImport implements ImportKind {

    private static final Map<String, String> COLUMNS = Map.of("街镇", "street", "诉求类型", "issueType", "月份", "month",
            "诉求量", "count");

    private final LocalDate today;

    AppealVolumeImport(LocalDate today) {
        this.today = today;
    }

    @Override
    public Map<String, String> columns() {
        return Importer.withFieldNames(COLUMNS);
    }

    @Override
    public Map<String, String> refusalFields() {
        return Map.of("UnknownStreet", "street", "UnknownIssueType", "issueType", "NegativeCount", "count",
                "NotAllowed", "street");
    }

    @Override
    public SheetRow.Plan plan(SheetRow row, Actor importer, String batch) {
        String street = row.required("street", cell -> Cells.code("streets", cell));
        String type = row.required("issueType", cell -> Cells.code("issue-types", cell));
        String month = row.required("month", Cells::month);
        BigDecimal count = row.required("count", Cells::number);
        if (month != null && (month.compareTo("1990-01") < 0 || month.compareTo("2100-12") > 0)) {
            row.problem("month", "NotAMonth", "a month from 1990-01 to 2100-12");
        }
        String countText = row.read("count", Cells::text);
        if (countText != null && !countText.matches("[0-9０-９,，\\s]+")) {
            row.problem("count", "NotACount", "a count is written as a whole number");
        }
        if (count != null && (count.signum() < 0 || count.stripTrailingZeros().scale() > 0
                || count.compareTo(BigDecimal.valueOf(100_000_000)) > 0)) {
            row.problem("count", "NotACount", "a count is a whole number from 0 to 100,000,000");
        }
        if (!row.problems.isEmpty()) return null;
        String content = String.join("|", street, type, month, count.toBigInteger().toString());
        return new SheetRow.Plan("appeals:" + Importer.hash(content), content, street + "|" + type + "|" + month, sender -> {
            RecordAppealVolume command = new RecordAppealVolume(street, type, month, count.intValue(), today, null);
            long version = sender.<Long>send(command);
            return new CommandAnswer(command.volumeId(), version);
        });
    }
}
