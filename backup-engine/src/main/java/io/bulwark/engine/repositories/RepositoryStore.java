package io.bulwark.engine.repositories;

import io.bulwark.engine.database.Columns;
import io.bulwark.engine.servers.RoleStates;
import io.bulwark.protocol.repositories.EncryptionView;
import io.bulwark.protocol.repositories.RepositoryView;
import io.bulwark.protocol.servers.AgentStatus;
import io.bulwark.protocol.servers.RoleStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code backup_repositories} table. */
public class RepositoryStore {
    private static final String SELECT = """
            SELECT r.*, s.name AS server_name, s.built_in AS server_built_in, s.agent_status AS server_agent_status
            FROM backup_repositories r JOIN managed_servers s ON s.id = r.server_id
            """;

    /** A repository as stored, with its encrypted password. */
    public record StoredRepository(RepositoryView view, String passwordSecret) {
        @Override
        public String toString() {
            return "StoredRepository[" + view + ", passwordSecret=(hidden)]";
        }
    }

    private final JdbcClient jdbc;

    public RepositoryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<StoredRepository> list() {
        return jdbc.sql(SELECT + " ORDER BY r.built_in DESC, r.name_key").query(RepositoryStore::map).list();
    }

    public Optional<StoredRepository> find(UUID id) {
        return jdbc.sql(SELECT + " WHERE r.id = ?").param(id).query(RepositoryStore::map).optional();
    }

    public Optional<StoredRepository> findByLocation(UUID serverId, String path) {
        return jdbc.sql(SELECT + " WHERE r.server_id = ? AND r.path = ?").params(serverId, path)
                .query(RepositoryStore::map).optional();
    }

    public void insert(StoredRepository stored) {
        RepositoryView r = stored.view();
        jdbc.sql("""
                INSERT INTO backup_repositories (id, name, name_key, description, server_id, path, max_concurrent_tasks,
                    encryption_enabled, encryption_password_secret, encryption_password_hint, built_in, created_at,
                    updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(r.id(), r.name(), Columns.nameKey(r.name()), r.description(), r.serverId(), r.path(),
                        r.maxConcurrentTasks(), r.encryption().enabled(), stored.passwordSecret(),
                        r.encryption().passwordHint(), r.builtIn(), Columns.timestamp(r.createdAt()),
                        Columns.timestamp(r.updatedAt()))
                .update();
    }

    public void update(StoredRepository stored) {
        RepositoryView r = stored.view();
        jdbc.sql("""
                UPDATE backup_repositories SET name = ?, name_key = ?, description = ?, server_id = ?, path = ?,
                    max_concurrent_tasks = ?, encryption_enabled = ?, encryption_password_secret = ?,
                    encryption_password_hint = ?, updated_at = ?
                WHERE id = ?""")
                .params(r.name(), Columns.nameKey(r.name()), r.description(), r.serverId(), r.path(),
                        r.maxConcurrentTasks(), r.encryption().enabled(), stored.passwordSecret(),
                        r.encryption().passwordHint(), Columns.timestamp(r.updatedAt()), r.id())
                .update();
    }

    /** Records how the repository's setup on its host went; see {@link RoleStates}. */
    public void recordSetup(UUID id, RoleStatus setup) {
        jdbc.sql("UPDATE backup_repositories SET setup_status = ? WHERE id = ?")
                .params(setup == null ? null : Columns.json(setup), id).update();
    }

    public void recordPassword(UUID id, String passwordSecret) {
        jdbc.sql("UPDATE backup_repositories SET encryption_password_secret = ? WHERE id = ?")
                .params(passwordSecret, id).update();
    }

    public void delete(UUID id) {
        jdbc.sql("DELETE FROM backup_repositories WHERE id = ?").param(id).update();
    }

    private static StoredRepository map(ResultSet rs, int row) throws SQLException {
        String secret = rs.getString("encryption_password_secret");
        return new StoredRepository(new RepositoryView(Columns.uuid(rs, "id"), rs.getString("name"),
                rs.getString("description"), Columns.uuid(rs, "server_id"), rs.getString("server_name"),
                rs.getString("path"), rs.getInt("max_concurrent_tasks"),
                new EncryptionView(rs.getBoolean("encryption_enabled"),
                        rs.getBoolean("encryption_enabled") && secret != null,
                        rs.getString("encryption_password_hint")),
                rs.getBoolean("built_in"),
                RoleStates.of(rs.getBoolean("server_built_in"),
                        Columns.json(rs.getString("server_agent_status"), AgentStatus.class),
                        Columns.json(rs.getString("setup_status"), RoleStatus.class)),
                Columns.instant(rs, "created_at"), Columns.instant(rs, "updated_at")),
                secret);
    }
}
