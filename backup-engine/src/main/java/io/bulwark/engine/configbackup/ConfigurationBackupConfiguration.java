package io.bulwark.engine.configbackup;

import io.bulwark.engine.audit.AuditLog;
import io.bulwark.engine.datadir.DataDirectory;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Configuration backups: the export and the list through the API. */
@Configuration(proxyBeanMethods = false)
public class ConfigurationBackupConfiguration {
    @Bean
    public ConfigurationBackups configurationBackups(DataSource dataSource, DataDirectory directory, JdbcClient jdbc,
                                                     AuditLog audit, Clock clock) {
        return new ConfigurationBackups(dataSource, directory, jdbc, audit, clock);
    }

    @Bean
    public ConfigurationRoutes configurationRoutes(ConfigurationBackups backups) {
        return new ConfigurationRoutes(backups);
    }
}
