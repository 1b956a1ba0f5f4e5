package io.bulwark.engine.auth;

import io.bulwark.engine.security.PasswordHasher;
import io.bulwark.engine.settings.EngineSettings;
import io.bulwark.engine.users.UserService;
import io.bulwark.engine.users.UserStore;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Logging in: tokens, the login throttle, the login routes. */
@Configuration(proxyBeanMethods = false)
public class AuthConfiguration {
    @Bean
    public ApiTokens apiTokens(JdbcClient jdbc, Clock clock, EngineSettings settings) {
        return new ApiTokens(jdbc, clock, settings.sessionLifetime());
    }

    @Bean
    public ConsoleCompatibility consoleCompatibility() {
        return ConsoleCompatibility.ofThisEngine();
    }

    @Bean
    public LoginService loginService(UserStore users, PasswordHasher hasher, ApiTokens tokens, Clock clock,
                                     ConsoleCompatibility consoles) {
        return new LoginService(users, hasher, tokens, new LoginThrottle(clock), consoles);
    }

    @Bean
    public AuthRoutes authRoutes(LoginService logins, ApiTokens tokens, UserService users) {
        return new AuthRoutes(logins, tokens, users);
    }
}
