package io.bulwark.engine.testing;

import com.zaxxer.hikari.HikariDataSource;
import io.bulwark.engine.database.DatabaseConfiguration;
import io.bulwark.engine.settings.DatabaseSettings;
import io.bulwark.engine.settings.EngineSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An in-memory H2 database with the engine's schema, migrated the way the engine migrates it,
 * for testing services without an engine process. Close it to drop it.
 */
public final class MigratedDatabase implements AutoCloseable {
    private final HikariDataSource dataSource;

    public MigratedDatabase(Path dataDirectory) {
        String url = "jdbc:h2:mem:test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        this.dataSource = new DatabaseConfiguration().dataSource(new EngineSettings(dataDirectory, "127.0.0.1", 0,
                new DatabaseSettings(url, "bulwark", ""), Duration.ofHours(1), null), null);
    }

    public JdbcClient jdbc() {
        return JdbcClient.create(dataSource);
    }

    /** Transactions on this database, as the engine makes them. */
    public TransactionTemplate transactions() {
        return new DatabaseConfiguration().transactionTemplate(dataSource);
    }

    @Override
    public void close() {
        jdbc().sql("SHUTDOWN").update();
        dataSource.close();
    }
}
