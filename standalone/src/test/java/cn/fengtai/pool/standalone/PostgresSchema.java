package cn.fengtai.pool.standalone;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A fresh schema in the real PostgreSQL (127.0.0.1:5432, database {@code test}) for one test, dropped afterwards.
 * Outside CI a missing server skips the test with a visible message; under {@code CI=true} it fails it.
 */
final class PostgresSchema implements AutoCloseable {

    static final int PORT = 5432;
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:%d/test";

    final String name = "pool_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    private PostgresSchema() {
    }

    static PostgresSchema require() {
        try (Connection ignored = DriverManager.getConnection(SERVER.formatted(PORT), "postgres", "")) {
            return new PostgresSchema();
        } catch (SQLException e) {
            String message = "PostgreSQL is not reachable at " + SERVER.formatted(PORT) + " (" + e.getMessage() + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) Assertions.fail(message + ": under CI it must run");
            System.err.println("SKIPPED: " + message);
            Assumptions.abort(message);
            throw new IllegalStateException(message);
        }
    }

    /** The application's properties for this schema, reached through {@code port} (5432, or a proxy in front of it). */
    String[] properties(int port, String... more) {
        String[] properties = new String[3 + more.length];
        properties[0] = "spring.datasource.url=" + SERVER.formatted(port) + "?currentSchema=" + name;
        properties[1] = "spring.datasource.username=postgres";
        properties[2] = "spring.flyway.schemas=" + name;
        System.arraycopy(more, 0, properties, 3, more.length);
        return properties;
    }

    Connection connect() throws SQLException {
        return connect(PORT);
    }

    /** A connection to this schema through {@code port} (5432, or a proxy in front of it). */
    Connection connect(int port) throws SQLException {
        return DriverManager.getConnection(SERVER.formatted(port) + "?currentSchema=" + name, "postgres", "");
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER.formatted(PORT), "postgres", "")) {
            connection.createStatement().execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
    }
}
