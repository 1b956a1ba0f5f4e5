package io.bulwark.console.proxies;

import io.bulwark.console.common.Detail;
import io.bulwark.console.common.Formats;
import io.bulwark.console.table.Column;
import io.bulwark.console.table.TableDefinition;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.proxies.DatastoreSelection;
import io.bulwark.protocol.proxies.ProxyView;
import io.bulwark.protocol.proxies.TransportMode;
import io.bulwark.protocol.servers.AgentState;
import java.util.List;

/** Backup Infrastructure › Backup Proxies: the data movers that read the source disks. */
public final class BackupProxies {
    private BackupProxies() {
    }

    public static TableDefinition<ProxyView> definition() {
        return TableDefinition.of("Backup Proxies", "backup proxy", ApiPaths.PROXIES, ProxyView.class,
                // The server column shows the managed server's name, which can change on its own.
                List.of(ApiPaths.SERVERS),
                List.of(Column.of("Name", 200, ProxyView::name),
                        Column.of("Server", 160, ProxyView::serverName),
                        Column.explained("State", 140, BackupProxies::state, Formats::label,
                                proxy -> proxy.status() == null ? null : proxy.status().message()),
                        Column.formatted("Transport mode", 140, ProxyView::transportMode, TransportMode::title),
                        Column.of("Max tasks", 90, ProxyView::maxConcurrentTasks),
                        Column.formatted("Failover", 90, ProxyView::failoverToNetwork, Formats::yesNo),
                        Column.of("Description", 260, ProxyView::description)),
                BackupProxies::details, true);
    }

    public static AgentState state(ProxyView proxy) {
        return proxy.status() == null ? null : proxy.status().state();
    }

    private static List<Detail> details(ProxyView proxy) {
        return List.of(
                new Detail("Name", proxy.name()),
                new Detail("Description", Formats.text(proxy.description())),
                new Detail("Server", proxy.serverName()),
                new Detail("State", Formats.label(state(proxy))),
                new Detail("State message", proxy.status() == null ? "" : Formats.text(proxy.status().message())),
                new Detail("Transport mode", proxy.transportMode().title()),
                new Detail("Failover to network mode", Formats.yesNo(proxy.failoverToNetwork())),
                new Detail("Host to proxy encryption", Formats.yesNo(proxy.hostToProxyEncryption())),
                new Detail("Datastores", datastores(proxy.datastores())),
                new Detail("Max concurrent tasks", String.valueOf(proxy.maxConcurrentTasks())),
                new Detail("Built in", Formats.yesNo(proxy.builtIn())),
                new Detail("Created", Formats.instant(proxy.createdAt())),
                new Detail("Changed", Formats.instant(proxy.updatedAt())));
    }

    private static String datastores(DatastoreSelection selection) {
        return selection == null || selection.automatic() ? "Automatic" : String.join(", ", selection.paths());
    }
}
