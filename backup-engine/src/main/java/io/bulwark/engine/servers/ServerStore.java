package io.bulwark.engine.servers;

import io.bulwark.engine.database.Columns;
import io.bulwark.protocol.proxies.TransportMode;
import io.bulwark.protocol.servers.AgentStatus;
import io.bulwark.protocol.servers.HostFacts;
import io.bulwark.protocol.servers.ServerPorts;
import io.bulwark.protocol.servers.ServerView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code managed_servers} table. */
public class ServerStore {
    private final JdbcClient jdbc;

    public ServerStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<ServerView> list() {
        return jdbc.sql("SELECT * FROM managed_servers ORDER BY built_in DESC, name_key").query(ServerStore::map).list();
    }

    public Optional<ServerView> find(UUID id) {
        return jdbc.sql("SELECT * FROM managed_servers WHERE id = ?").param(id).query(ServerStore::map).optional();
    }

    public Optional<ServerView> findBuiltIn() {
        return jdbc.sql("SELECT * FROM managed_servers WHERE built_in = TRUE").query(ServerStore::map).optional();
    }

    /** Another server reached at the same address and SSH port, if there is one. */
    public Optional<ServerView> findByEndpoint(String address, int sshPort, UUID exceptId) {
        return jdbc.sql("SELECT * FROM managed_servers WHERE LOWER(address) = ? AND ssh_port = ? AND id <> ?")
                .params(Columns.nameKey(address), sshPort, exceptId)
                .query(ServerStore::map).optional();
    }

    public void insert(ServerView s) {
        jdbc.sql("""
                INSERT INTO managed_servers (id, name, name_key, address, description, ssh_port, credential_id,
                    host_key_fingerprint, data_port_first, data_port_last, control_port, ssh_timeout_seconds,
                    hardened_repository, facts, agent_status, built_in, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(s.id(), s.name(), Columns.nameKey(s.name()), s.address(), s.description(), s.sshPort(),
                        s.credentialId(), s.hostKeyFingerprint(), s.ports().dataPortFirst(), s.ports().dataPortLast(),
                        s.ports().controlPort(), s.ports().sshTimeoutSeconds(), s.hardenedRepository(),
                        s.facts() == null ? null : Columns.json(s.facts()),
                        s.agent() == null ? null : Columns.json(s.agent()), s.builtIn(),
                        Columns.timestamp(s.createdAt()), Columns.timestamp(s.updatedAt()))
                .update();
    }

    public void update(ServerView s) {
        jdbc.sql("""
                UPDATE managed_servers SET name = ?, name_key = ?, address = ?, description = ?, ssh_port = ?,
                    credential_id = ?, host_key_fingerprint = ?, data_port_first = ?, data_port_last = ?,
                    control_port = ?, ssh_timeout_seconds = ?, hardened_repository = ?, facts = ?, agent_status = ?,
                    updated_at = ?
                WHERE id = ?""")
                .params(s.name(), Columns.nameKey(s.name()), s.address(), s.description(), s.sshPort(),
                        s.credentialId(), s.hostKeyFingerprint(), s.ports().dataPortFirst(), s.ports().dataPortLast(),
                        s.ports().controlPort(), s.ports().sshTimeoutSeconds(), s.hardenedRepository(),
                        s.facts() == null ? null : Columns.json(s.facts()),
                        s.agent() == null ? null : Columns.json(s.agent()), Columns.timestamp(s.updatedAt()), s.id())
                .update();
    }

    /** The proxy the server holds, with its transport mode, if it holds one. */
    public Optional<ProxyOnServer> proxyOn(UUID serverId) {
        return jdbc.sql("SELECT name, transport_mode FROM backup_proxies WHERE server_id = ?").param(serverId)
                .query((rs, row) -> new ProxyOnServer(rs.getString("name"), TransportMode.valueOf(rs.getString("transport_mode"))))
                .optional();
    }

    public record ProxyOnServer(String name, TransportMode transportMode) {
    }

    public void delete(UUID id) {
        jdbc.sql("DELETE FROM managed_servers WHERE id = ?").param(id).update();
    }

    private static ServerView map(ResultSet rs, int row) throws SQLException {
        return new ServerView(Columns.uuid(rs, "id"), rs.getString("name"), rs.getString("address"),
                rs.getString("description"), rs.getInt("ssh_port"), Columns.uuid(rs, "credential_id"),
                rs.getString("host_key_fingerprint"),
                new ServerPorts(rs.getInt("data_port_first"), rs.getInt("data_port_last"), rs.getInt("control_port"),
                        rs.getInt("ssh_timeout_seconds")),
                rs.getBoolean("hardened_repository"),
                Columns.json(rs.getString("facts"), HostFacts.class),
                Columns.json(rs.getString("agent_status"), AgentStatus.class), rs.getBoolean("built_in"),
                Columns.instant(rs, "created_at"), Columns.instant(rs, "updated_at"));
    }
}
