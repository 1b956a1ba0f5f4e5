package io.bulwark.engine.database;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The shared lookups entities make before they change. */
@Configuration(proxyBeanMethods = false)
public class LookupsConfiguration {
    @Bean
    public Lookups lookups(JdbcClient jdbc) {
        return new Lookups(jdbc);
    }
}
