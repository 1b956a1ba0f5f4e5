package io.bulwark.engine.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.bulwark.engine.configbackup.PreMigrationBackup;
import io.bulwark.engine.datadir.DataDirectory;
import io.bulwark.engine.settings.DatabaseSettings;
import io.bulwark.engine.settings.EngineSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The configuration database: a pooled connection, migrated to the current schema before anyone uses it. */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    /**
     * The pool, with the schema brought up to date. When an existing schema is about to be migrated,
     * a configuration backup is written first ({@link PreMigrationBackup}); if it cannot be, the
     * database is left as it is and the engine does not start.
     *
     * @param directory the data directory the backup goes to; null for a database that is always new (tests)
     */
    @Bean(destroyMethod = "close")
    public HikariDataSource dataSource(EngineSettings settings, DataDirectory directory) {
        DatabaseSettings database = settings.database();
        HikariDataSource dataSource = open(database, "configuration-db", 10);
        try {
            Flyway flyway = migrations(dataSource).load();
            PreMigrationBackup.Written backup = directory == null ? null : PreMigrationBackup.beforeMigrating(flyway,
                    dataSource, directory);
            flyway.migrate();
            if (backup != null) {
                PreMigrationBackup.record(dataSource, backup);
            }
        } catch (FlywayException e) {
            dataSource.close();
            throw new DatabaseUnavailableException("Cannot bring the configuration database at " + database.jdbcUrl()
                    + " to the current schema: " + rootMessage(e), e);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return dataSource;
    }

    /** A pool on the configuration database as it is, not migrated: for the engine, and for the config commands. */
    public static HikariDataSource open(DatabaseSettings database, String poolName, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setJdbcUrl(withEngineDefaults(database.jdbcUrl()));
        config.setUsername(database.user());
        config.setPassword(database.password());
        config.setMaximumPoolSize(size);
        config.setConnectionTimeout(10_000);
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw new DatabaseUnavailableException("Cannot connect to the configuration database at "
                    + database.jdbcUrl() + ": " + rootMessage(e) + ". Check that the database is running and that "
                    + "database.url, database.user and database.password in engine.properties are right.", e);
        }
    }

    /** The engine's migrations; one place, so that the engine and the config commands migrate alike. */
    public static FluentConfiguration migrations(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true);
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

    public static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
