package io.bulwark.engine.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.bulwark.engine.settings.DatabaseSettings;
import io.bulwark.engine.settings.EngineSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The configuration database: a pooled connection, migrated to the current schema before anyone uses it. */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    public HikariDataSource dataSource(EngineSettings settings) {
        DatabaseSettings database = settings.database();
        HikariConfig config = new HikariConfig();
        config.setPoolName("configuration-db");
        config.setJdbcUrl(withEngineDefaults(database.jdbcUrl()));
        config.setUsername(database.user());
        config.setPassword(database.password());
        config.setMaximumPoolSize(10);
        config.setConnectionTimeout(10_000);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw new DatabaseUnavailableException("Cannot connect to the configuration database at "
                    + database.jdbcUrl() + ": " + rootMessage(e) + ". Check that the database is running and that "
                    + "database.url, database.user and database.password in engine.properties are right.", e);
        }
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            dataSource.close();
            throw new DatabaseUnavailableException("Cannot bring the configuration database at " + database.jdbcUrl()
                    + " to the current schema: " + rootMessage(e), e);
        }
        return dataSource;
    }

    @Bean
    public JdbcClient jdbcClient(DataSource dataSource) {
        return JdbcClient.create(dataSource);
    }

    @Bean
    public TransactionTemplate transactionTemplate(DataSource dataSource) {
        return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /** Microseconds are what both databases keep, so every instant the engine makes is cut to them. */
    @Bean
    public Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.of(1, ChronoUnit.MICROS));
    }

    /**
     * Two H2 defaults do not suit a backup server's configuration: H2 closes a database from its
     * own shutdown hook, which can run before the engine has finished with it (the pool closes it
     * in order instead), and it holds commits in memory for half a second, so a killed engine
     * would lose changes it had already confirmed (WRITE_DELAY=0 writes each commit at once).
     */
    static String withEngineDefaults(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:h2:")) {
            return jdbcUrl;
        }
        String upper = jdbcUrl.toUpperCase(java.util.Locale.ROOT);
        StringBuilder url = new StringBuilder(jdbcUrl);
        if (!upper.contains("DB_CLOSE_ON_EXIT")) {
            url.append(";DB_CLOSE_ON_EXIT=FALSE");
        }
        if (!upper.contains("WRITE_DELAY")) {
            url.append(";WRITE_DELAY=0");
        }
        return url.toString();
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
