package io.bulwark.engine.inventory;

import io.bulwark.engine.api.ApiRoute;
import io.bulwark.engine.api.ApiTypes;
import io.bulwark.engine.api.RequestBodies;
import io.bulwark.engine.api.RouteSource;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.auth.Role;
import io.bulwark.protocol.inventory.InventoryHost;
import io.javalin.http.HandlerType;
import java.util.List;

/** The inventory tree and scanning a host now; the hosts' own CRUD routes come from their entity endpoint. */
public class InventoryRoutes implements RouteSource {
    private static final String TAG = ApiPaths.collection(ApiPaths.VIRTUALIZATION_HOSTS);

    private final InventoryService inventory;

    public InventoryRoutes(InventoryService inventory) {
        this.inventory = inventory;
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                new ApiRoute(HandlerType.GET, ApiPaths.INVENTORY, Role.VIEWER, TAG,
                        "Read the inventory: every virtualization host with its datastores, VMs and disks as its "
                                + "last good scan found them", null, ApiTypes.listOf(InventoryHost.class), 200,
                        ctx -> ctx.json(inventory.inventory())),
                // Operators may rescan: it changes no configuration, and they need a fresh view to run jobs.
                new ApiRoute(HandlerType.POST, ApiPaths.VIRTUALIZATION_HOSTS + "/{id}/rescan", Role.OPERATOR, TAG,
                        "Scan a virtualization host now and answer its inventory; a host that cannot be reached "
                                + "is answered with the reason (502), its last inventory kept", null,
                        InventoryHost.class, 200,
                        ctx -> ctx.json(inventory.rescan(RequestBodies.id(ctx)))));
    }
}
