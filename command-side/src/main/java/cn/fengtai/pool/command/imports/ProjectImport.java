package cn.fengtai.pool.command.imports;

import cn.fengtai.pool.command.access.Actor;
import cn.fengtai.pool.command.access.Role;
import cn.fengtai.pool.command.dispatch.CommandAnswer;
import cn.fengtai.pool.command.move.ProjectMoves;
import cn.fengtai.pool.command.project.ProjectCommands.ApproveProject;
import cn.fengtai.pool.command.project.ProjectCommands.FileProject;
import cn.fengtai.pool.command.project.ProjectIds;
import cn.fengtai.pool.events.Category;
import cn.fengtai.pool.events.Channel;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A batch list as the district keeps it (《各街镇民生项目池清单》): one project a row, filed and, with {@code batch},
 * approved onto that open batch. A row is (street, 项目编号) or, without one, (street, 项目名称, batch). A row with a
 * 项目ID (an export of the pool's list, {@code GET /api/projects?layout=import}) is a project the pool already has: it is
 * never filed again and counts as unchanged; an import files projects, it does not change them.
 */
final class ProjectImport implements ImportKind {

    private static final Map<String, String> COLUMNS = Map.ofEntries(
            Map.entry("项目ID", "id"), Map.entry("项目编号", "ref"), Map.entry("街镇", "street"), Map.entry("街乡镇", "street"),
            Map.entry("社区", "community"), Map.entry("项目名称", "title"), Map.entry("项目类别", "category"),
            Map.entry("诉求类型", "issueTypes"), Map.entry("来源渠道", "channel"), Map.entry("预计金额（元）", "estimatedCost"),
            Map.entry("预计金额", "estimatedCost"), Map.entry("责任单位", "responsibleUnit"), Map.entry("完成时限", "deadline"),
            Map.entry("主要任务", "tasks"), Map.entry("诉求编号", "appealRefs"), Map.entry("项目描述", "description"));

    private final LocalDate today;
    /** The street of a project the pool has, by its id; null for an unknown id. */
    private final java.util.function.Function<String, String> streetOfProject;

    ProjectImport(LocalDate today, java.util.function.Function<String, String> streetOfProject) {
        this.today = today;
        this.streetOfProject = streetOfProject;
    }

    @Override
    public Map<String, String> columns() {
        return Importer.withFieldNames(COLUMNS);
    }

    @Override
    public Map<String, String> refusalFields() {
        return Map.of("UnknownStreet", "street", "NotAllowed", "street", "UnknownIssueType", "issueTypes",
                "NoIssueType", "issueTypes", "UnknownCode", "issueTypes");
    }

    @Override
    public SheetRow.Plan plan(SheetRow row, Actor importer, String batch) {
        String ref = row.read("ref", Cells::text);
        String street = row.required("street", cell -> Cells.code("streets", cell));
        String community = row.read("community", Cells::text);
        String title = row.required("title", Cells::text);
        String category = row.required("category", cell -> Cells.code("categories", cell));
        List<String> issueTypes = row.required("issueTypes", cell -> Cells.codes("issue-types", cell));
        String channel = row.required("channel", cell -> Cells.code("channels", cell));
        BigDecimal cost = row.required("estimatedCost", Cells::number);
        String description = row.read("description", Cells::text);
        List<String> appealRefs = row.read("appealRefs", Cells::list);
        String unit = row.read("responsibleUnit", Cells::text);
        LocalDate deadline = row.read("deadline", Cells::date);
        List<String> tasks = row.read("tasks", Cells::tasks);
        // Checked before the row's key: another street's row is not this office's to import, whatever was imported.
        if (street != null && importer.role() == Role.STREET && !street.equals(importer.street())) {
            row.problem("street", "NotAllowed", "the office of " + importer.street() + " imports its own street's rows only");
        }
        if (title != null && title.length() > 200) row.problem("title", "TooLong", "at most 200 characters");
        if (cost != null && cost.signum() < 0) row.problem("estimatedCost", "Negative", "an amount is at least 0");
        if (batch != null) {
            if (unit == null) row.problem("responsibleUnit", "Required", "a project put on a batch needs its responsible unit");
            if (deadline == null) row.problem("deadline", "Required", "a project put on a batch needs its deadline");
            if (tasks == null || tasks.isEmpty()) row.problem("tasks", "Required", "a project put on a batch needs its tasks");
        }
        String poolId = row.read("id", Cells::text);
        if (poolId != null) return existing(row, poolId, street, importer);
        if (!row.problems.isEmpty()) return null;
        String key = "projects:" + Importer.hash(street, ref != null ? "ref:" + ref : "title:" + title + ":" + batch);
        String content = String.join("|", String.valueOf(batch), street, String.valueOf(ref), String.valueOf(community),
                title, category, String.join(",", issueTypes), channel, cost.stripTrailingZeros().toPlainString(),
                String.valueOf(description), String.join(",", appealRefs), String.valueOf(unit), String.valueOf(deadline),
                String.join(";", tasks == null ? List.of() : tasks));
        return new SheetRow.Plan(key, content, key, sender -> {
            String id = ProjectIds.next();
            sender.send(new FileProject(id, street, community, title, description, Category.valueOf(category),
                    issueTypes, Channel.valueOf(channel), appealRefs, cost, today, null, ref));
            if (batch == null) return new CommandAnswer(id, 0);
            return ProjectMoves.approve(sender, new ApproveProject(id, batch, unit, deadline, tasks, today, null));
        });
    }

    /**
     * A row naming a project of the pool: unchanged if it is that street's project. To a street office another
     * street's project reads as unknown, as it does on GET: the import must not tell it that such an id exists.
     */
    private SheetRow.Plan existing(SheetRow row, String id, String street, Actor importer) {
        String known = id.length() > 64 ? null : streetOfProject.apply(id);
        boolean hidden = known != null && importer.role() == Role.STREET && !known.equals(importer.street());
        if (known == null || hidden) {
            String shown = id.length() > 64 ? id.substring(0, 64) + "…" : id;
            row.problem("id", "UnknownProject", "the pool has no project with the id '" + shown + "'");
        } else if (street != null && !street.equals(known)) {
            row.problem("street", "OtherStreet", "project " + id + " is a project of " + known + ", not of " + street);
        }
        return row.problems.isEmpty() ? new SheetRow.Plan("projects:id:" + id, id, id, null) : null;
    }
}
