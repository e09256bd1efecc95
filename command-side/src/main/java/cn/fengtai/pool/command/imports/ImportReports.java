package cn.fengtai.pool.command.imports;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** The reports of the imports, in the event store's database beside the idempotency keys, for GET /api/imports/{id}. */
@Component
class ImportReports {

    record Stored(String importer, String report) {
    }

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    ImportReports(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void save(String importer, ImportReport report) {
        String body = json.writeValueAsString(report.answer());
        int updated = jdbc.update("UPDATE spreadsheet_import SET status = ?, report = ? WHERE import_id = ?",
                report.status.name(), body, report.importId);
        if (updated == 0) {
            jdbc.update("INSERT INTO spreadsheet_import (import_id, importer, kind, dry_run, status, report, recorded_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)", report.importId, importer, report.kind, report.dryRun,
                    report.status.name(), body, Timestamp.from(Instant.now()));
        }
    }

    Optional<Stored> find(String importId) {
        return jdbc.query("SELECT importer, report FROM spreadsheet_import WHERE import_id = ?",
                (rs, i) -> new Stored(rs.getString(1), rs.getString(2)), importId).stream().findFirst();
    }
}
