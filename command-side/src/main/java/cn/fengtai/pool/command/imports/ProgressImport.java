package cn.fengtai.pool.command.imports;

import cn.fengtai.pool.command.access.Actor;
import cn.fengtai.pool.command.dispatch.CommandAnswer;
import cn.fengtai.pool.command.project.ProjectCommands.CompleteProject;
import cn.fengtai.pool.command.project.ProjectCommands.ReportProgress;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The offices' monthly progress reports: a project (by its id, or by the office's 项目编号 of an earlier import), its
 * progress in percent and, when done, its actual cost.
 */
final class ProgressImport implements ImportKind {

    private static final Map<String, String> COLUMNS = Map.ofEntries(
            Map.entry("项目ID", "id"), Map.entry("项目编号", "ref"), Map.entry("街镇", "street"), Map.entry("进度", "percent"),
            Map.entry("完成", "completed"), Map.entry("实际金额（元）", "actualCost"), Map.entry("实际金额", "actualCost"),
            Map.entry("说明", "note"));

    private final LocalDate today;
    /** (street, 项目编号) to the project an earlier import filed, or null. */
    private final BiFunction<String, String, String> imported;

    ProgressImport(LocalDate today, BiFunction<String, String, String> imported) {
        this.today = today;
        this.imported = imported;
    }

    @Override
    public Map<String, String> columns() {
        return Importer.withFieldNames(COLUMNS);
    }

    @Override
    public Map<String, String> refusalFields() {
        return Map.of("ProgressOutOfRange", "percent", "ProgressCannotGoBack", "percent", "NotStarted", "percent",
                "NotAllowed", "id", "NotAPositiveAmount", "actualCost", "UnknownProject", "id", "AlreadyCompleted", "completed");
    }

    @Override
    public SheetRow.Plan plan(SheetRow row, Actor importer, String batch) {
        String id = row.read("id", Cells::text);
        if (id != null && !id.matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")) {
            row.problem("id", "UnknownProject", "no project has the id '" + id + "'");
            id = null;
        }
        String ref = row.read("ref", Cells::text);
        String street = row.read("street", cell -> Cells.code("streets", cell));
        BigDecimal percent = row.read("percent", Cells::number);
        Boolean completed = row.read("completed", Cells::yesNo);
        BigDecimal cost = row.read("actualCost", Cells::number);
        String note = row.read("note", Cells::text);
        if (id == null && ref != null) {
            id = imported.apply(street != null ? street : importer.street(), ref);
            if (id == null) row.problem("ref", "UnknownProject", "no imported project of this street has the 项目编号 '" + ref + "'");
        } else if (id == null && row.problems.isEmpty()) {
            row.problem("id", "Required", "a row names its project by 项目ID or 项目编号");
        }
        if (percent != null && (percent.signum() < 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0
                || percent.stripTrailingZeros().scale() > 0)) {
            row.problem("percent", "ProgressOutOfRange", "progress is a whole percent from 0 to 100");
        }
        if (percent == null && !Boolean.TRUE.equals(completed)) row.problem("percent", "Required", "a row reports progress or completion");
        if (Boolean.TRUE.equals(completed) && cost == null) row.problem("actualCost", "Required", "a completed project needs its actual cost");
        if (!row.problems.isEmpty()) return null;
        String project = id;
        String content = String.join("|", project, String.valueOf(percent), String.valueOf(completed),
                cost == null ? "null" : cost.stripTrailingZeros().toPlainString(), String.valueOf(note));
        return new SheetRow.Plan("progress:" + Importer.hash(project, content), content, "project:" + project, sender -> {
            long version = -1;
            if (percent != null && !(Boolean.TRUE.equals(completed) && percent.intValue() == 100)) {
                version = sender.<Long>send(new ReportProgress(project, percent.intValue(), note, today, null));
            }
            if (Boolean.TRUE.equals(completed)) {
                version = sender.<Long>send(new CompleteProject(project, cost, note == null ? "完成" : note, today, null));
            }
            return new CommandAnswer(project, version);
        });
    }
}
