package io.bulwark.engine.repositories;

import io.bulwark.engine.database.Lookups;
import io.bulwark.engine.entities.EntityEndpoint;
import io.bulwark.engine.events.ChangeEvents;
import io.bulwark.engine.security.SecretCipher;
import io.bulwark.engine.servers.ServerStore;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.auth.Role;
import io.bulwark.protocol.repositories.RepositoryRequest;
import io.bulwark.protocol.repositories.RepositoryView;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
public class RepositoriesConfiguration {
    @Bean
    public RepositoryStore repositoryStore(JdbcClient jdbc) {
        return new RepositoryStore(jdbc);
    }

    @Bean
    public RepositoryService repositoryService(RepositoryStore store, ServerStore servers, SecretCipher cipher,
                                               Lookups lookups, ChangeEvents events, Clock clock,
                                               RepositoryRekey rekey) {
        return new RepositoryService(store, servers, cipher, lookups, events, clock, rekey);
    }

    @Bean
    public EntityEndpoint<RepositoryRequest, RepositoryView> repositoryEndpoint(RepositoryService service) {
        return new EntityEndpoint<>(ApiPaths.REPOSITORIES, "backup repository", RepositoryRequest.class,
                RepositoryView.class, Role.VIEWER, Role.ADMINISTRATOR, service);
    }
}
