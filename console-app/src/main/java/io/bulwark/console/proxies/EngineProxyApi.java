package io.bulwark.console.proxies;

import io.bulwark.console.connection.EngineClient;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.proxies.ProxyRequest;
import io.bulwark.protocol.proxies.ProxyView;
import io.bulwark.protocol.trafficrules.TrafficRuleView;
import java.util.List;
import java.util.UUID;

public record EngineProxyApi(EngineClient client) implements ProxyApi {
    @Override
    public List<ProxyView> list() {
        return client.list(ApiPaths.PROXIES, ProxyView.class);
    }

    @Override
    public ProxyView get(UUID id) {
        return client.get(ApiPaths.PROXIES + "/" + id, ProxyView.class);
    }

    @Override
    public ProxyView create(ProxyRequest request) {
        return client.post(ApiPaths.PROXIES, request, ProxyView.class);
    }

    @Override
    public List<TrafficRuleView> trafficRules(UUID serverId) {
        return client.list(ApiPaths.serverTrafficRules(serverId), TrafficRuleView.class);
    }
}
