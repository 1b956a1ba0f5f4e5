package io.bulwark.engine.inventory;

import com.fasterxml.jackson.core.type.TypeReference;
import io.bulwark.engine.database.Columns;
import io.bulwark.protocol.inventory.ScanState;
import io.bulwark.protocol.inventory.VirtualizationHostView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code virtualization_hosts} table, shown with its server's name and address and its VM count. */
public class VirtualizationHostStore {
    private static final String SELECT = """
            SELECT h.*, s.name AS server_name, s.name_key AS server_name_key, s.address AS server_address,
                (SELECT COUNT(*) FROM inventory_vms v WHERE v.host_id = h.id) AS vm_count
            FROM virtualization_hosts h JOIN managed_servers s ON s.id = h.server_id
            """;
    private static final TypeReference<List<String>> PATHS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    public VirtualizationHostStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<VirtualizationHostView> list() {
        return jdbc.sql(SELECT + " ORDER BY s.name_key").query(VirtualizationHostStore::map).list();
    }

    public Optional<VirtualizationHostView> find(UUID id) {
        return jdbc.sql(SELECT + " WHERE h.id = ?").param(id).query(VirtualizationHostStore::map).optional();
    }

    public Optional<VirtualizationHostView> findByServer(UUID serverId) {
        return jdbc.sql(SELECT + " WHERE h.server_id = ?").param(serverId).query(VirtualizationHostStore::map)
                .optional();
    }

    /** When each host's inventory was found: the end of its last scan that reached the host; absent before one did. */
    public Map<UUID, Instant> inventoryTimes() {
        Map<UUID, Instant> times = new HashMap<>();
        jdbc.sql("SELECT id, scanned_at FROM virtualization_hosts WHERE scanned_at IS NOT NULL").query(rs -> {
            times.put(Columns.uuid(rs, "id"), Columns.instant(rs, "scanned_at"));
        });
        return times;
    }

    public void insert(VirtualizationHostView h) {
        jdbc.sql("""
                INSERT INTO virtualization_hosts (id, server_id, datastores, rescan_minutes, scan_state, scan_message,
                    last_scan_at, scanned_at, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(h.id(), h.serverId(), Columns.json(h.datastores()), h.rescanMinutes(), h.scanState().name(),
                        h.scanMessage(), Columns.timestamp(h.scannedAt()), null, Columns.timestamp(h.createdAt()),
                        Columns.timestamp(h.updatedAt()))
                .update();
    }

    /** Changes what an admin sets: the datastores and the rescan interval. */
    public void update(VirtualizationHostView h) {
        jdbc.sql("UPDATE virtualization_hosts SET datastores = ?, rescan_minutes = ?, updated_at = ? WHERE id = ?")
                .params(Columns.json(h.datastores()), h.rescanMinutes(), Columns.timestamp(h.updatedAt()), h.id())
                .update();
    }

    public void delete(UUID id) {
        jdbc.sql("DELETE FROM virtualization_hosts WHERE id = ?").param(id).update();
    }

    /** Records how a scan went; {@code inventoryFound} moves the inventory's time too. False when the host is gone. */
    public boolean recordScan(UUID id, ScanState state, String message, Instant at, boolean inventoryFound) {
        String scannedAt = inventoryFound ? ", scanned_at = ?" : "";
        var statement = jdbc.sql("UPDATE virtualization_hosts SET scan_state = ?, scan_message = ?, last_scan_at = ?"
                + scannedAt + " WHERE id = ?");
        return (inventoryFound
                ? statement.params(state.name(), message, Columns.timestamp(at), Columns.timestamp(at), id)
                : statement.params(state.name(), message, Columns.timestamp(at), id)).update() > 0;
    }

    /** Marks a scan as under way, keeping the last outcome's message until the new one is known. */
    public boolean markScanning(UUID id) {
        return jdbc.sql("UPDATE virtualization_hosts SET scan_state = ? WHERE id = ?")
                .params(ScanState.SCANNING.name(), id).update() > 0;
    }

    private static VirtualizationHostView map(ResultSet rs, int row) throws SQLException {
        return new VirtualizationHostView(Columns.uuid(rs, "id"), Columns.uuid(rs, "server_id"),
                rs.getString("server_name"), rs.getString("server_address"),
                Columns.json(rs.getString("datastores"), PATHS), rs.getInt("rescan_minutes"),
                ScanState.valueOf(rs.getString("scan_state")), rs.getString("scan_message"),
                Columns.instant(rs, "last_scan_at"), rs.getInt("vm_count"),
                Columns.instant(rs, "created_at"), Columns.instant(rs, "updated_at"));
    }
}
