package io.bulwark.console.proxies;

import io.bulwark.protocol.proxies.ProxyRequest;
import io.bulwark.protocol.proxies.ProxyView;
import io.bulwark.protocol.trafficrules.TrafficRuleView;
import java.util.List;
import java.util.UUID;

/** The engine's backup proxies, as Add Proxy uses them. Every call blocks. */
public interface ProxyApi {
    List<ProxyView> list();

    ProxyView get(UUID id);

    ProxyView create(ProxyRequest request);

    /** The network traffic rules that apply to a managed server's address. */
    List<TrafficRuleView> trafficRules(UUID serverId);
}
