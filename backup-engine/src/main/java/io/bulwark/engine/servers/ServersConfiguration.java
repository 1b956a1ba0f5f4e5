package io.bulwark.engine.servers;

import io.bulwark.engine.database.Lookups;
import io.bulwark.engine.entities.EntityEndpoint;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.auth.Role;
import io.bulwark.protocol.servers.ServerRequest;
import io.bulwark.protocol.servers.ServerView;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
public class ServersConfiguration {
    @Bean
    public ServerStore serverStore(JdbcClient jdbc) {
        return new ServerStore(jdbc);
    }

    @Bean
    public ServerService serverService(ServerStore store, Lookups lookups, Clock clock) {
        return new ServerService(store, lookups, clock);
    }

    @Bean
    public LocalHostAnalysis localHostAnalysis(Clock clock) {
        return new LocalHostAnalysis(clock);
    }

    @Bean
    public EntityEndpoint<ServerRequest, ServerView> serverEndpoint(ServerService service) {
        return new EntityEndpoint<>(ApiPaths.SERVERS, "managed server", ServerRequest.class, ServerView.class,
                Role.VIEWER, Role.ADMINISTRATOR, service);
    }
}
