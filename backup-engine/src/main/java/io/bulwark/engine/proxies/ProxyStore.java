package io.bulwark.engine.proxies;

import com.fasterxml.jackson.core.type.TypeReference;
import io.bulwark.engine.database.Columns;
import io.bulwark.engine.servers.RoleStates;
import io.bulwark.protocol.proxies.DatastoreSelection;
import io.bulwark.protocol.proxies.ProxyView;
import io.bulwark.protocol.proxies.TransportMode;
import io.bulwark.protocol.servers.AgentStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code backup_proxies} table. */
public class ProxyStore {
    private static final String SELECT = """
            SELECT p.*, s.name AS server_name, s.built_in AS server_built_in, s.agent_status AS server_agent_status
            FROM backup_proxies p JOIN managed_servers s ON s.id = p.server_id
            """;
    private static final TypeReference<List<String>> PATHS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    public ProxyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<ProxyView> list() {
        return jdbc.sql(SELECT + " ORDER BY p.built_in DESC, p.name_key").query(ProxyStore::map).list();
    }

    public Optional<ProxyView> find(UUID id) {
        return jdbc.sql(SELECT + " WHERE p.id = ?").param(id).query(ProxyStore::map).optional();
    }

    public Optional<ProxyView> findByServer(UUID serverId) {
        return jdbc.sql(SELECT + " WHERE p.server_id = ?").param(serverId).query(ProxyStore::map).optional();
    }

    public void insert(ProxyView p) {
        jdbc.sql("""
                INSERT INTO backup_proxies (id, name, name_key, description, server_id, transport_mode,
                    failover_to_network, host_to_proxy_encryption, datastores_automatic, datastore_paths,
                    max_concurrent_tasks, built_in, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(p.id(), p.name(), Columns.nameKey(p.name()), p.description(), p.serverId(),
                        p.transportMode().name(), p.failoverToNetwork(), p.hostToProxyEncryption(),
                        p.datastores().automatic(), Columns.json(p.datastores().paths()), p.maxConcurrentTasks(),
                        p.builtIn(), Columns.timestamp(p.createdAt()), Columns.timestamp(p.updatedAt()))
                .update();
    }

    public void update(ProxyView p) {
        jdbc.sql("""
                UPDATE backup_proxies SET name = ?, name_key = ?, description = ?, server_id = ?, transport_mode = ?,
                    failover_to_network = ?, host_to_proxy_encryption = ?, datastores_automatic = ?,
                    datastore_paths = ?, max_concurrent_tasks = ?, updated_at = ?
                WHERE id = ?""")
                .params(p.name(), Columns.nameKey(p.name()), p.description(), p.serverId(), p.transportMode().name(),
                        p.failoverToNetwork(), p.hostToProxyEncryption(), p.datastores().automatic(),
                        Columns.json(p.datastores().paths()), p.maxConcurrentTasks(),
                        Columns.timestamp(p.updatedAt()), p.id())
                .update();
    }

    public void delete(UUID id) {
        jdbc.sql("DELETE FROM backup_proxies WHERE id = ?").param(id).update();
    }

    private static ProxyView map(ResultSet rs, int row) throws SQLException {
        return new ProxyView(Columns.uuid(rs, "id"), rs.getString("name"), rs.getString("description"),
                Columns.uuid(rs, "server_id"), rs.getString("server_name"),
                TransportMode.valueOf(rs.getString("transport_mode")), rs.getBoolean("failover_to_network"),
                rs.getBoolean("host_to_proxy_encryption"),
                new DatastoreSelection(rs.getBoolean("datastores_automatic"),
                        Columns.json(rs.getString("datastore_paths"), PATHS)),
                rs.getInt("max_concurrent_tasks"), rs.getBoolean("built_in"),
                RoleStates.of(rs.getBoolean("server_built_in"),
                        Columns.json(rs.getString("server_agent_status"), AgentStatus.class)),
                Columns.instant(rs, "created_at"), Columns.instant(rs, "updated_at"));
    }
}
