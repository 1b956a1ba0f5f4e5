package io.bulwark.engine.users;

import io.bulwark.engine.auth.ApiTokens;
import io.bulwark.engine.entities.EntityEndpoint;
import io.bulwark.engine.security.PasswordHasher;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.auth.Role;
import io.bulwark.protocol.users.UserRequest;
import io.bulwark.protocol.users.UserView;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
public class UsersConfiguration {
    @Bean
    public UserStore userStore(JdbcClient jdbc) {
        return new UserStore(jdbc);
    }

    @Bean
    public UserService userService(UserStore store, PasswordHasher hasher, ApiTokens tokens, Clock clock) {
        return new UserService(store, hasher, tokens, clock);
    }

    @Bean
    public EntityEndpoint<UserRequest, UserView> userEndpoint(UserService service) {
        return new EntityEndpoint<>(ApiPaths.USERS, "user", UserRequest.class, UserView.class,
                Role.ADMINISTRATOR, Role.ADMINISTRATOR, service);
    }
}
