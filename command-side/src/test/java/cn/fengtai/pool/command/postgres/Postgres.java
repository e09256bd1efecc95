package cn.fengtai.pool.command.postgres;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The real PostgreSQL on 127.0.0.1:5432 (database {@code test}), one fresh schema per test class. Outside CI a missing
 * server skips the tests with a visible message; under {@code CI=true} it fails them, never a silent skip.
 */
public final class Postgres {

    public static final String URL = System.getenv().getOrDefault("POOL_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = System.getenv().getOrDefault("POOL_TEST_PG_USER", "postgres");

    private Postgres() {
    }

    /** A schema name unique to this run, so parallel or repeated runs never share tables. */
    public static String newSchema() {
        return "pool_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    public static void requireRunning() {
        try (Connection ignored = DriverManager.getConnection(URL, USER, "")) {
            // reachable
        } catch (SQLException e) {
            String message = "PostgreSQL is not reachable at " + URL + " (" + e.getMessage() + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message + ": under CI the PostgreSQL tests must run");
            }
            System.err.println("SKIPPED: " + message);
            Assumptions.abort(message + "; start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start");
        }
    }

    public static String urlFor(String schema) {
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public static void drop(String schema) {
        try (Connection connection = DriverManager.getConnection(URL, USER, "")) {
            connection.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            System.err.println("could not drop test schema " + schema + ": " + e.getMessage());
        }
    }
}
