package io.bulwark.engine;

import io.bulwark.engine.api.ApiConfiguration;
import io.bulwark.engine.api.ApiServer;
import io.bulwark.engine.auth.AuthConfiguration;
import io.bulwark.engine.credentials.CredentialsConfiguration;
import io.bulwark.engine.ca.CaConfiguration;
import io.bulwark.engine.configbackup.ConfigurationBackupConfiguration;
import io.bulwark.engine.database.DatabaseConfiguration;
import io.bulwark.engine.deploy.DeployConfiguration;
import io.bulwark.engine.database.LookupsConfiguration;
import io.bulwark.engine.datadir.DataDirectory;
import io.bulwark.engine.datadir.DataDirectoryLock;
import io.bulwark.engine.entities.EntitiesConfiguration;
import io.bulwark.engine.firststart.FirstStart;
import io.bulwark.engine.firststart.FirstStartConfiguration;
import io.bulwark.engine.inventory.InventoryConfiguration;
import io.bulwark.engine.jobs.JobsConfiguration;
import io.bulwark.engine.proxies.ProxiesConfiguration;
import io.bulwark.engine.repositories.RepositoriesConfiguration;
import io.bulwark.engine.security.SecurityConfiguration;
import io.bulwark.engine.servers.ServersConfiguration;
import io.bulwark.engine.runs.RunsConfiguration;
import io.bulwark.engine.schedules.SchedulesConfiguration;
import io.bulwark.engine.sessions.SessionsConfiguration;
import io.bulwark.engine.settings.EngineSettings;
import io.bulwark.engine.settings.SettingsLoader;
import io.bulwark.engine.tls.EngineCertificate;
import io.bulwark.engine.tls.TlsConfiguration;
import io.bulwark.engine.trafficrules.TrafficRulesConfiguration;
import io.bulwark.engine.users.UsersConfiguration;
import io.bulwark.protocol.ApiJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * A running engine: the data directory locked, the Spring context with every feature, first-start
 * setup done, and the API listening. Close it to stop in order.
 */
public final class EngineApplication implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EngineApplication.class);

    /** Every feature's configuration; the one list to extend when a feature is added. */
    private static final Class<?>[] FEATURES = {
            DatabaseConfiguration.class,
            LookupsConfiguration.class,
            SecurityConfiguration.class,
            TlsConfiguration.class,
            CaConfiguration.class,
            EntitiesConfiguration.class,
            AuthConfiguration.class,
            UsersConfiguration.class,
            CredentialsConfiguration.class,
            ServersConfiguration.class,
            DeployConfiguration.class,
            ProxiesConfiguration.class,
            RepositoriesConfiguration.class,
            TrafficRulesConfiguration.class,
            InventoryConfiguration.class,
            JobsConfiguration.class,
            SessionsConfiguration.class,
            RunsConfiguration.class,
            SchedulesConfiguration.class,
            ConfigurationBackupConfiguration.class,
            FirstStartConfiguration.class,
            ApiConfiguration.class,
    };

    private final EngineSettings settings;
    private final DataDirectory directory;
    private final DataDirectoryLock lock;
    private final AnnotationConfigApplicationContext context;
    private final ApiServer api;

    private EngineApplication(EngineSettings settings, DataDirectory directory, DataDirectoryLock lock,
                              AnnotationConfigApplicationContext context, ApiServer api) {
        this.settings = settings;
        this.directory = directory;
        this.lock = lock;
        this.context = context;
        this.api = api;
    }

    public static EngineApplication start(EngineSettings settings) {
        DataDirectory directory = DataDirectory.open(settings.dataDirectory());
        DataDirectoryLock lock = DataDirectoryLock.acquire(directory);
        Path properties = settings.settingsFile();
        if (settings.settingsFileInDataDirectory() && !Files.exists(properties)) {
            directory.writeSecretFile(properties, SettingsLoader.template().getBytes(StandardCharsets.UTF_8), false);
        }
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        try {
            context.registerBean(EngineSettings.class, () -> settings);
            context.registerBean(DataDirectory.class, () -> directory);
            context.register(FEATURES);
            context.refresh();
            context.getBean(FirstStart.class).run();
            ApiServer api = context.getBean(ApiServer.class);
            api.start();
            EngineApplication engine = new EngineApplication(settings, directory, lock, context, api);
            engine.writeRunState();
            return engine;
        } catch (RuntimeException e) {
            context.close();
            closeQuietly(lock);
            throw unwrap(e);
        }
    }

    public int port() {
        return api.port();
    }

    public String fingerprint() {
        return context.getBean(EngineCertificate.class).fingerprint();
    }

    public EngineSettings settings() {
        return settings;
    }

    public DataDirectory directory() {
        return directory;
    }

    /** Where a running engine tells local tools (the launcher, tests) its port and certificate. */
    public static Path runStateFile(DataDirectory directory) {
        return directory.run().resolve("engine.json");
    }

    private void writeRunState() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("pid", ProcessHandle.current().pid());
        state.put("port", port());
        state.put("url", "https://127.0.0.1:" + port());
        state.put("fingerprint", fingerprint());
        try {
            Files.writeString(runStateFile(directory), ApiJson.mapper().writeValueAsString(state));
        } catch (IOException e) {
            log.warn("Cannot write {}: local tools will not find this engine", runStateFile(directory), e);
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(runStateFile(directory));
        } catch (IOException e) {
            log.debug("Cannot remove {}", runStateFile(directory), e);
        }
        context.close();
        closeQuietly(lock);
        log.info("Engine stopped");
    }

    private static void closeQuietly(DataDirectoryLock lock) {
        try {
            lock.close();
        } catch (IOException e) {
            log.debug("Releasing the data directory lock failed", e);
        }
    }

    /** Spring wraps what went wrong in a bean; the admin needs the cause, said plainly. */
    private static RuntimeException unwrap(RuntimeException e) {
        Throwable cause = e;
        while (cause instanceof BeanCreationException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof org.springframework.beans.BeanInstantiationException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof RuntimeException runtime ? runtime : e;
    }
}
