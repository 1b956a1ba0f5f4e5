package io.bulwark.engine.deploy;

import io.bulwark.agent.operations.RepositoryOperations;
import io.bulwark.agent.service.RepositoryInitHandler;
import io.bulwark.engine.ca.EngineAuthority;
import io.bulwark.engine.credentials.CredentialService;
import io.bulwark.engine.entities.ChangeRecorder;
import io.bulwark.engine.events.ChangeEvents;
import io.bulwark.engine.proxies.ProxyService;
import io.bulwark.engine.repositories.RepositoryService;
import io.bulwark.engine.servers.ServerService;
import io.bulwark.engine.settings.EngineSettings;
import io.bulwark.engine.ssh.SshConnector;
import io.bulwark.engine.trafficrules.TrafficRuleService;
import io.bulwark.engine.trafficrules.TrafficSettingsStore;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class DeployConfiguration {
    @Bean(destroyMethod = "close")
    public SshConnector sshConnector() {
        return new SshConnector();
    }

    @Bean
    public ServerAccess serverAccess(ServerService servers, CredentialService credentials, SshConnector connector,
                                     ChangeEvents events, Clock clock) {
        return new ServerAccess(servers, credentials, connector, events, clock);
    }

    @Bean
    public AgentControl agentControl(EngineAuthority authority) {
        return new AgentControl(authority);
    }

    @Bean
    public AgentDeployer agentDeployer(ServerService servers, ServerAccess access, AgentControl control,
                                       EngineAuthority authority, EngineSettings settings, ProxyService proxies,
                                       RoleSetup roles, Clock clock) {
        return new AgentDeployer(servers, access, control, authority, settings, () -> proxies.list().stream()
                .flatMap(proxy -> proxy.datastores().paths().stream()).distinct().toList(), roles, clock);
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    public AgentVersions agentVersions(ServerService servers, ServerAccess access, EngineSettings settings) {
        return new AgentVersions(servers, access, settings);
    }

    @Bean
    public RoleSetup roleSetup(RepositoryService repositories, TrafficRuleService rules,
                               TrafficSettingsStore trafficSettings, AgentControl control, Clock clock) {
        // The engine runs its own server's repositories in-process; one repository lock wait as the agents use.
        RepositoryOperations local = new RepositoryOperations(clock, Duration.ofHours(1), 1, notice -> { });
        return new RoleSetup(repositories, rules, trafficSettings, control, new RepositoryInitHandler(local),
                ZoneId.systemDefault());
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    public RoleCoordinator roleCoordinator(ServerService servers, ProxyService proxies, RepositoryService repositories,
                                           AgentDeployer deployer, RoleSetup setup, ChangeEvents events) {
        return new RoleCoordinator(servers, proxies, repositories, deployer, setup, events);
    }

    @Bean
    public DeploymentRoutes deploymentRoutes(SshConnector connector, AgentDeployer deployer, ServerService servers,
                                             ChangeRecorder changes) {
        return new DeploymentRoutes(connector, deployer, servers, changes);
    }
}
