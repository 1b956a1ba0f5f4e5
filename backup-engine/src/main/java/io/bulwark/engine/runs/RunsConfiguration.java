package io.bulwark.engine.runs;

import io.bulwark.agent.operations.RepositoryOperations;
import io.bulwark.agent.tasks.AgentTasks;
import io.bulwark.engine.ca.EngineAuthority;
import io.bulwark.engine.datadir.DataDirectory;
import io.bulwark.engine.deploy.AgentControl;
import io.bulwark.engine.deploy.ServerAccess;
import io.bulwark.engine.events.ChangeEvents;
import io.bulwark.engine.inventory.InventoryService;
import io.bulwark.engine.inventory.VirtualizationHostService;
import io.bulwark.engine.jobs.JobSecrets;
import io.bulwark.engine.jobs.JobService;
import io.bulwark.engine.security.SecretCipher;
import io.bulwark.engine.proxies.ProxyService;
import io.bulwark.engine.repositories.RepositoryService;
import io.bulwark.engine.servers.ServerService;
import io.bulwark.engine.sessions.SessionStore;
import io.bulwark.protocol.jobs.JobType;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
public class RunsConfiguration {
    /**
     * The engine's own agent, for the built-in proxy, with a key and certificate from the engine's CA
     * as every agent has: it reads TLS exports in network mode and presents its certificate there.
     */
    @Bean(destroyMethod = "close")
    public AgentTasks inProcessAgentTasks(RepositoryOperations inProcessRepositoryOperations, DataDirectory directory,
                                          EngineAuthority authority, Clock clock) {
        return new AgentTasks(inProcessRepositoryOperations,
                BuiltInAgentTls.prepare(directory.tls().resolve("built-in-agent"), authority), clock);
    }

    @Bean
    public NetworkExports networkExports(ServerAccess access, EngineAuthority authority, DataDirectory directory) {
        return new NetworkExports(access, authority, directory.tls().resolve("exports"));
    }

    /** What the engine does itself to the repositories on the backup server. */
    @Bean
    public RepositoryOperations inProcessRepositoryOperations(Clock clock) {
        return new RepositoryOperations(clock, Duration.ofHours(1), Runtime.getRuntime().availableProcessors(),
                notice -> { });
    }

    @Bean
    public RepositoryMaintenance repositoryMaintenance(AgentControl control, RepositoryOperations inProcessRepositoryOperations,
                                                       ServerService servers) {
        return new RepositoryMaintenance(control, inProcessRepositoryOperations, servers);
    }

    @Bean
    public BackupFolders backupFolders(RepositoryService repositories, JobSecrets jobSecrets, RestorePointStore points,
                                       RepositoryMaintenance maintenance, SecretCipher cipher) {
        return new BackupFolders(repositories, jobSecrets, points, maintenance, cipher);
    }

    @Bean
    public JobRetention jobRetention(JobService jobs, BackupFolders folders, RestorePointStore points,
                                     RepositoryMaintenance maintenance, ChangeEvents events, Clock clock) {
        return new JobRetention(jobs, folders, points, maintenance, events, clock);
    }

    @Bean
    public HealthChecks healthChecks(JobService jobs, BackupFolders folders, RestorePointStore points,
                                     RepositoryMaintenance maintenance, SessionStore sessions,
                                     SessionDetailsStore details, ChangeEvents events, Clock clock) {
        return new HealthChecks(jobs, folders, points, maintenance, sessions, details, events, clock);
    }

    @Bean
    public TaskAgents taskAgents(AgentControl control, AgentTasks inProcessAgentTasks) {
        return TaskAgents.of(control, inProcessAgentTasks);
    }

    @Bean
    public RestorePointStore restorePointStore(JdbcClient jdbc) {
        return new RestorePointStore(jdbc);
    }

    @Bean
    public SessionDetailsStore sessionDetailsStore(JdbcClient jdbc) {
        return new SessionDetailsStore(jdbc);
    }

    @Bean
    public JobRunner jobRunner(JobService jobs, InventoryService inventory, ProxyService proxies,
                               RepositoryService repositories, ServerService servers, TaskAgents agents,
                               SessionStore sessions, SessionDetailsStore details, RestorePointStore points,
                               BackupFolders folders, NetworkExports exports, JobRetention retention,
                               ChangeEvents events, Clock clock) {
        JobRunner runner = new JobRunner(jobs, inventory, proxies, repositories, servers, agents, sessions, details,
                points, folders, exports, events, clock);
        runner.failInterrupted();
        runner.whenSessionEnds(session -> {
            if (session.jobId() != null && session.jobType() == JobType.VM_BACKUP) {
                retention.apply(session.jobId());
            }
        });
        return runner;
    }

    @Bean
    public RestoreRunner restoreRunner(RestorePointStore points, VirtualizationHostService hosts,
                                       InventoryService inventory, BackupFolders folders,
                                       ServerService servers, TaskAgents agents, SessionStore sessions,
                                       SessionDetailsStore details, ChangeEvents events, Clock clock,
                                       ServerAccess access, DataDirectory directory) {
        return new RestoreRunner(points, hosts, inventory, folders, servers, agents, sessions, details, events,
                clock, access, directory.run().resolve("restores"));
    }

    @Bean
    public RunRoutes runRoutes(JobRunner runner, RestoreRunner restores, HealthChecks healthChecks,
                               JobRetention retention) {
        return new RunRoutes(runner, restores, healthChecks, retention);
    }
}
