package io.bulwark.engine.credentials;

import io.bulwark.engine.database.Lookups;
import io.bulwark.engine.entities.EntityEndpoint;
import io.bulwark.engine.security.SecretCipher;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.auth.Role;
import io.bulwark.protocol.credentials.CredentialRequest;
import io.bulwark.protocol.credentials.CredentialView;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
public class CredentialsConfiguration {
    @Bean
    public CredentialStore credentialStore(JdbcClient jdbc) {
        return new CredentialStore(jdbc);
    }

    @Bean
    public CredentialService credentialService(CredentialStore store, SecretCipher cipher, Lookups lookups, Clock clock) {
        return new CredentialService(store, cipher, lookups, clock);
    }

    @Bean
    public EntityEndpoint<CredentialRequest, CredentialView> credentialEndpoint(CredentialService service) {
        return new EntityEndpoint<>(ApiPaths.CREDENTIALS, "credential", CredentialRequest.class, CredentialView.class,
                Role.ADMINISTRATOR, Role.ADMINISTRATOR, service);
    }
}
