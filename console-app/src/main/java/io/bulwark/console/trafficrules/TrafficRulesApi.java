package io.bulwark.console.trafficrules;

import io.bulwark.console.connection.EngineClient;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.trafficrules.TrafficRuleRequest;
import io.bulwark.protocol.trafficrules.TrafficRuleView;
import io.bulwark.protocol.trafficrules.TrafficSettings;
import java.util.List;
import java.util.UUID;

/** What the Network Traffic Rules dialog asks of the engine. Every call blocks: make it from a background task. */
public interface TrafficRulesApi {
    List<TrafficRuleView> rules();

    TrafficRuleView create(TrafficRuleRequest request);

    TrafficRuleView update(UUID id, TrafficRuleRequest request);

    void delete(UUID id);

    TrafficSettings settings();

    TrafficSettings saveSettings(TrafficSettings settings);

    static TrafficRulesApi of(EngineClient client) {
        return new TrafficRulesApi() {
            @Override
            public List<TrafficRuleView> rules() {
                return client.list(ApiPaths.TRAFFIC_RULES, TrafficRuleView.class);
            }

            @Override
            public TrafficRuleView create(TrafficRuleRequest request) {
                return client.post(ApiPaths.TRAFFIC_RULES, request, TrafficRuleView.class);
            }

            @Override
            public TrafficRuleView update(UUID id, TrafficRuleRequest request) {
                return client.put(ApiPaths.TRAFFIC_RULES + "/" + id, request, TrafficRuleView.class);
            }

            @Override
            public void delete(UUID id) {
                client.delete(ApiPaths.TRAFFIC_RULES + "/" + id);
            }

            @Override
            public TrafficSettings settings() {
                return client.get(ApiPaths.TRAFFIC_SETTINGS, TrafficSettings.class);
            }

            @Override
            public TrafficSettings saveSettings(TrafficSettings settings) {
                return client.put(ApiPaths.TRAFFIC_SETTINGS, settings, TrafficSettings.class);
            }
        };
    }
}
