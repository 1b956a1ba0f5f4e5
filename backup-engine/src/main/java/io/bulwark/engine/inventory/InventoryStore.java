package io.bulwark.engine.inventory;

import com.fasterxml.jackson.core.type.TypeReference;
import io.bulwark.engine.database.Columns;
import io.bulwark.protocol.inventory.InventoryDatastore;
import io.bulwark.protocol.inventory.InventoryDisk;
import io.bulwark.protocol.inventory.InventoryVm;
import io.bulwark.protocol.inventory.VmPower;
import io.bulwark.protocol.inventory.VmReference;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code inventory_datastores} and {@code inventory_vms} tables: what the last good scan of each host found. */
public class InventoryStore {
    private static final TypeReference<List<InventoryDisk>> DISKS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    public InventoryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The datastores of every host, with their VMs, by host id. */
    public Map<UUID, List<InventoryDatastore>> all() {
        return read(null);
    }

    public List<InventoryDatastore> ofHost(UUID hostId) {
        return read(hostId).getOrDefault(hostId, List.of());
    }

    /** A VM by its folder on a host, with the path of the datastore it is in. */
    public Optional<StoredVm> findVm(UUID hostId, String folder) {
        return jdbc.sql("""
                SELECT v.*, d.path AS datastore_path FROM inventory_vms v
                JOIN inventory_datastores d ON d.host_id = v.host_id AND d.position = v.datastore_position
                WHERE v.host_id = ? AND v.folder = ?""")
                .params(hostId, folder)
                .query((rs, row) -> new StoredVm(rs.getString("datastore_path"), vm(rs))).optional();
    }

    public record StoredVm(String datastore, InventoryVm vm) {
    }

    /** Replaces a host's inventory; call inside a transaction. */
    public void replace(UUID hostId, List<InventoryDatastore> datastores) {
        jdbc.sql("DELETE FROM inventory_vms WHERE host_id = ?").param(hostId).update();
        jdbc.sql("DELETE FROM inventory_datastores WHERE host_id = ?").param(hostId).update();
        for (int position = 0; position < datastores.size(); position++) {
            InventoryDatastore d = datastores.get(position);
            jdbc.sql("""
                    INSERT INTO inventory_datastores (host_id, position, path, reachable, message, free_bytes)
                    VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(hostId, position, d.path(), d.reachable(), d.message(), d.freeBytes()).update();
            for (InventoryVm vm : d.vms()) {
                jdbc.sql("""
                        INSERT INTO inventory_vms (host_id, datastore_position, folder, name, power, disks)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                        .params(hostId, position, vm.folder(), vm.name(), vm.power().name(), Columns.json(vm.disks()))
                        .update();
            }
        }
    }

    private Map<UUID, List<InventoryDatastore>> read(UUID onlyHost) {
        String where = onlyHost == null ? "" : " WHERE host_id = ?";
        Object[] params = onlyHost == null ? new Object[0] : new Object[] {onlyHost};
        Map<UUID, Map<Integer, List<InventoryVm>>> vms = new LinkedHashMap<>();
        jdbc.sql("SELECT * FROM inventory_vms" + where + " ORDER BY id").params(params).query(rs -> {
            vms.computeIfAbsent(Columns.uuid(rs, "host_id"), h -> new LinkedHashMap<>())
                    .computeIfAbsent(rs.getInt("datastore_position"), p -> new ArrayList<>()).add(vm(rs));
        });
        Map<UUID, List<InventoryDatastore>> hosts = new LinkedHashMap<>();
        jdbc.sql("SELECT * FROM inventory_datastores" + where + " ORDER BY host_id, position").params(params)
                .query(rs -> {
                    UUID host = Columns.uuid(rs, "host_id");
                    List<InventoryVm> found = vms.getOrDefault(host, Map.of()).getOrDefault(rs.getInt("position"),
                            List.of());
                    hosts.computeIfAbsent(host, h -> new ArrayList<>()).add(new InventoryDatastore(rs.getString("path"),
                            rs.getBoolean("reachable"), rs.getString("message"), rs.getLong("free_bytes"),
                            List.copyOf(found)));
                });
        return hosts;
    }

    private static InventoryVm vm(ResultSet rs) throws SQLException {
        UUID host = Columns.uuid(rs, "host_id");
        String folder = rs.getString("folder");
        return new InventoryVm(new VmReference(host, folder).toString(), rs.getString("name"), folder,
                VmPower.valueOf(rs.getString("power")), Columns.json(rs.getString("disks"), DISKS));
    }
}
