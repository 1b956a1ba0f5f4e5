package io.bulwark.engine.trafficrules;

import io.bulwark.engine.audit.AuditLog;
import io.bulwark.engine.database.Lookups;
import io.bulwark.engine.entities.EntityEndpoint;
import io.bulwark.engine.events.ChangeEvents;
import io.bulwark.engine.servers.ServerService;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.auth.Role;
import io.bulwark.protocol.trafficrules.TrafficRuleRequest;
import io.bulwark.protocol.trafficrules.TrafficRuleView;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
public class TrafficRulesConfiguration {
    @Bean
    public TrafficRuleStore trafficRuleStore(JdbcClient jdbc) {
        return new TrafficRuleStore(jdbc);
    }

    @Bean
    public TrafficRuleService trafficRuleService(TrafficRuleStore store, Lookups lookups, Clock clock) {
        return new TrafficRuleService(store, lookups, clock);
    }

    @Bean
    public TrafficSettingsStore trafficSettingsStore(JdbcClient jdbc) {
        return new TrafficSettingsStore(jdbc);
    }

    @Bean
    public TrafficRoutes trafficRoutes(TrafficSettingsStore store, TrafficRuleService rules, ServerService servers,
                                       TransactionTemplate transactions, AuditLog audit, ChangeEvents events) {
        return new TrafficRoutes(store, rules, servers, transactions, audit, events);
    }

    @Bean
    public EntityEndpoint<TrafficRuleRequest, TrafficRuleView> trafficRuleEndpoint(TrafficRuleService service) {
        return new EntityEndpoint<>(ApiPaths.TRAFFIC_RULES, "traffic rule", TrafficRuleRequest.class,
                TrafficRuleView.class, Role.VIEWER, Role.ADMINISTRATOR, service);
    }
}
