package io.bulwark.engine.firststart;

import io.bulwark.engine.datadir.DataDirectory;
import io.bulwark.engine.entities.ChangeRecorder;
import io.bulwark.engine.proxies.ProxyService;
import io.bulwark.engine.repositories.RepositoryService;
import io.bulwark.engine.servers.LocalHostAnalysis;
import io.bulwark.engine.servers.ServerService;
import io.bulwark.engine.users.UserService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class FirstStartConfiguration {
    @Bean
    public FirstStart firstStart(DataDirectory directory, UserService users, ServerService servers, ProxyService proxies,
                                 RepositoryService repositories, LocalHostAnalysis analysis, ChangeRecorder changes) {
        return new FirstStart(directory, users, servers, proxies, repositories, analysis, changes, System::getenv);
    }
}
