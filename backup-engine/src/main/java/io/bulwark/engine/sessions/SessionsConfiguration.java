package io.bulwark.engine.sessions;

import io.bulwark.engine.entities.EntityEndpoint;
import io.bulwark.engine.jobs.JobStore;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.auth.Role;
import io.bulwark.protocol.sessions.SessionRequest;
import io.bulwark.protocol.sessions.SessionView;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
public class SessionsConfiguration {
    @Bean
    public SessionStore sessionStore(JdbcClient jdbc) {
        return new SessionStore(jdbc);
    }

    @Bean
    public SessionService sessionService(SessionStore store, JobStore jobs, Clock clock) {
        return new SessionService(store, jobs, clock);
    }

    @Bean
    public EntityEndpoint<SessionRequest, SessionView> sessionEndpoint(SessionService service) {
        return new EntityEndpoint<>(ApiPaths.SESSIONS, "job session", SessionRequest.class, SessionView.class,
                Role.VIEWER, Role.ADMINISTRATOR, service);
    }
}
