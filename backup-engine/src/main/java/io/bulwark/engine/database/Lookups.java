package io.bulwark.engine.database;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The questions every entity asks before a change: is this name taken, and who still uses this
 * entity. Table and column names come from code, never from a request.
 */
public final class Lookups {
    private final JdbcClient jdbc;

    public Lookups(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether another row of {@code table} (not {@code exceptId}) has this name, case-insensitively. */
    public boolean nameTaken(String table, String name, UUID exceptId) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE name_key = ? AND id <> ?")
                .params(Columns.nameKey(name), exceptId == null ? new UUID(0, 0) : exceptId)
                .query(Long.class).single() > 0;
    }

    /** The names of the rows of {@code table} whose {@code column} refers to {@code id}. */
    public List<String> namesReferring(String table, String column, UUID id) {
        return jdbc.sql("SELECT name FROM " + table + " WHERE " + column + " = ? ORDER BY name")
                .param(id)
                .query(String.class).list();
    }

    /** Whether any row of {@code table} has {@code column} referring to {@code id}. */
    public boolean refers(String table, String column, UUID id) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ?").param(id)
                .query(Long.class).single() > 0;
    }

    public boolean exists(String table, UUID id) {
        return id != null && jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE id = ?").param(id)
                .query(Long.class).single() > 0;
    }
}
