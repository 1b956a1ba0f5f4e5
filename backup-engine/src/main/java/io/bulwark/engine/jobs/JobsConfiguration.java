package io.bulwark.engine.jobs;

import io.bulwark.engine.database.Lookups;
import io.bulwark.engine.entities.EntityEndpoint;
import io.bulwark.engine.security.SecretCipher;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.auth.Role;
import io.bulwark.protocol.jobs.JobRequest;
import io.bulwark.protocol.jobs.JobView;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
public class JobsConfiguration {
    @Bean
    public JobStore jobStore(JdbcClient jdbc) {
        return new JobStore(jdbc);
    }

    @Bean
    public JobSecrets jobSecrets(JobStore store, SecretCipher cipher) {
        return new JobSecrets(store, cipher);
    }

    @Bean
    public JobService jobService(JobStore store, JobSecrets secrets, JobFolderRekey rekey, Lookups lookups,
                                 Clock clock) {
        return new JobService(store, secrets, rekey, lookups, clock);
    }

    @Bean
    public EntityEndpoint<JobRequest, JobView> jobEndpoint(JobService service) {
        return new EntityEndpoint<>(ApiPaths.JOBS, "job", JobRequest.class, JobView.class,
                Role.VIEWER, Role.ADMINISTRATOR, service);
    }
}
