package io.bulwark.engine.proxies;

import io.bulwark.engine.database.Lookups;
import io.bulwark.engine.entities.EntityEndpoint;
import io.bulwark.engine.servers.ServerStore;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.auth.Role;
import io.bulwark.protocol.proxies.ProxyRequest;
import io.bulwark.protocol.proxies.ProxyView;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
public class ProxiesConfiguration {
    @Bean
    public ProxyStore proxyStore(JdbcClient jdbc) {
        return new ProxyStore(jdbc);
    }

    @Bean
    public ProxyService proxyService(ProxyStore store, ServerStore servers, Lookups lookups, Clock clock) {
        return new ProxyService(store, servers, lookups, clock);
    }

    @Bean
    public EntityEndpoint<ProxyRequest, ProxyView> proxyEndpoint(ProxyService service) {
        return new EntityEndpoint<>(ApiPaths.PROXIES, "backup proxy", ProxyRequest.class, ProxyView.class,
                Role.VIEWER, Role.ADMINISTRATOR, service);
    }
}
