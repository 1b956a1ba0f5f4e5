package io.bulwark.engine.ca;

import io.bulwark.engine.datadir.DataDirectory;
import io.bulwark.engine.security.MasterKey;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The engine's certificate authority for agents, loaded (or made, on first start) with the engine. */
@Configuration(proxyBeanMethods = false)
public class CaConfiguration {
    @Bean
    public EngineAuthority engineAuthority(DataDirectory directory, MasterKey masterKey, Clock clock) {
        return EngineAuthority.loadOrCreate(directory, masterKey, clock);
    }
}
