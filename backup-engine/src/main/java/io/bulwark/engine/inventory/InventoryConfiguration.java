package io.bulwark.engine.inventory;

import io.bulwark.engine.deploy.ServerAccess;
import io.bulwark.engine.entities.EntityEndpoint;
import io.bulwark.engine.events.ChangeEvents;
import io.bulwark.engine.servers.ServerService;
import io.bulwark.engine.servers.ServerStore;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.auth.Role;
import io.bulwark.protocol.inventory.VirtualizationHostRequest;
import io.bulwark.protocol.inventory.VirtualizationHostView;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
public class InventoryConfiguration {
    /** How long a scan of the backup server's own datastores may take (remote scans use the server's SSH timeout). */
    private static final Duration LOCAL_SCAN_TIMEOUT = Duration.ofMinutes(10);
    /** How often the rescan intervals are checked. */
    private static final Duration RESCAN_TICK = Duration.ofSeconds(30);

    @Bean
    public VirtualizationHostStore virtualizationHostStore(JdbcClient jdbc) {
        return new VirtualizationHostStore(jdbc);
    }

    @Bean
    public InventoryStore inventoryStore(JdbcClient jdbc) {
        return new InventoryStore(jdbc);
    }

    @Bean
    public VirtualizationHostService virtualizationHostService(VirtualizationHostStore store, ServerStore servers,
                                                               Clock clock) {
        return new VirtualizationHostService(store, servers, clock);
    }

    @Bean
    public InventoryScanner inventoryScanner(ServerService servers, ServerAccess access) {
        return new InventoryScanner(servers, access, LOCAL_SCAN_TIMEOUT);
    }

    @Bean
    public InventoryService inventoryService(VirtualizationHostStore hosts, InventoryStore inventory,
                                             InventoryScanner scanner, TransactionTemplate transactions,
                                             ChangeEvents events, Clock clock) {
        return new InventoryService(hosts, inventory, scanner, transactions, events, clock);
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    public RescanScheduler rescanScheduler(VirtualizationHostService hosts, InventoryService inventory,
                                           ChangeEvents events, Clock clock) {
        return new RescanScheduler(hosts, inventory, events, clock, RESCAN_TICK);
    }

    @Bean
    public InventoryRoutes inventoryRoutes(InventoryService inventory) {
        return new InventoryRoutes(inventory);
    }

    @Bean
    public EntityEndpoint<VirtualizationHostRequest, VirtualizationHostView> virtualizationHostEndpoint(
            VirtualizationHostService service) {
        return new EntityEndpoint<>(ApiPaths.VIRTUALIZATION_HOSTS, "virtualization host",
                VirtualizationHostRequest.class, VirtualizationHostView.class, Role.VIEWER, Role.ADMINISTRATOR,
                service);
    }
}
