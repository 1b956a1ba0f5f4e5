package io.bulwark.engine.deploy;

import io.bulwark.engine.ca.EngineAuthority;
import io.bulwark.engine.credentials.CredentialService;
import io.bulwark.engine.proxies.ProxyService;
import io.bulwark.engine.settings.EngineSettings;
import io.bulwark.engine.events.ChangeEvents;
import io.bulwark.engine.servers.ServerService;
import io.bulwark.engine.ssh.SshConnector;
import java.time.Clock;
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
                                       Clock clock) {
        return new AgentDeployer(servers, access, control, authority, settings, () -> proxies.list().stream()
                .flatMap(proxy -> proxy.datastores().paths().stream()).distinct().toList(), clock);
    }

    @Bean
    public DeploymentRoutes deploymentRoutes(SshConnector connector, AgentDeployer deployer) {
        return new DeploymentRoutes(connector, deployer);
    }
}
