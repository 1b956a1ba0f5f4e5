package io.bulwark.console.restore;

import io.bulwark.console.connection.EngineClient;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.backups.RestorePointView;
import io.bulwark.protocol.backups.RestoreRequest;
import io.bulwark.protocol.inventory.InventoryHost;
import io.bulwark.protocol.sessions.SessionView;
import java.util.List;

/**
 * What the Restore wizard asks of the engine. Every call blocks: make it from a background task. An
 * interface so that the wizard's view-model is tested against backups and an inventory made up in
 * the test.
 */
public interface RestoreApi {
    /** Every VM restore point, newest first. */
    List<RestorePointView> restorePoints();

    /** The virtualization hosts with their datastores and VMs, for the destination. */
    List<InventoryHost> inventory();

    /** Starts the restore; the engine answers at once with its session, which runs on. */
    SessionView restore(RestoreRequest request);

    static RestoreApi of(EngineClient client) {
        return new RestoreApi() {
            @Override
            public List<RestorePointView> restorePoints() {
                return client.list(ApiPaths.RESTORE_POINTS, RestorePointView.class);
            }

            @Override
            public List<InventoryHost> inventory() {
                return client.list(ApiPaths.INVENTORY, InventoryHost.class);
            }

            @Override
            public SessionView restore(RestoreRequest request) {
                return client.post(ApiPaths.RESTORES, request, SessionView.class);
            }
        };
    }
}
