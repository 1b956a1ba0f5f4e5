package io.bulwark.engine.testing;

import java.util.List;
import java.util.Map;

/** The configuration databases the engine's tests run on, and how to point an engine at each. */
public enum TestDatabase {
    H2,
    POSTGRESQL;

    /** The engine's arguments and environment for a new, empty database of this kind. */
    public record Connection(List<String> arguments, Map<String, String> environment, PostgresServer.Database postgres) {
    }

    public Connection newDatabase() {
        if (this == H2) {
            return new Connection(List.of(), Map.of(), null);
        }
        PostgresServer.Database database = PostgresServer.shared().newDatabase();
        return new Connection(List.of("--jdbc-url", database.jdbcUrl(), "--jdbc-user", database.user()),
                Map.of("BULWARK_JDBC_PASSWORD", database.password()), database);
    }
}
