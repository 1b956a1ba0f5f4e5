package io.bulwark.console.configbackup;

import io.bulwark.console.connection.EngineClient;
import io.bulwark.console.connection.EngineClient.Download;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.configuration.ConfigurationBackupView;
import io.bulwark.protocol.configuration.ConfigurationExportRequest;
import java.time.Duration;
import java.util.List;

/** What the Configuration Backup dialog asks of the engine. Every call blocks: make it from a background task. */
public interface ConfigurationBackupApi {
    /** Sealing a large configuration takes the engine a while (the password's key derivation, every table). */
    Duration EXPORT_TIMEOUT = Duration.ofMinutes(2);

    /** The sealed file, with the name the engine offers for it. */
    Download export(ConfigurationExportRequest request);

    /** The configuration backups the engine recorded, newest first. */
    List<ConfigurationBackupView> backups();

    static ConfigurationBackupApi of(EngineClient client) {
        return new ConfigurationBackupApi() {
            @Override
            public Download export(ConfigurationExportRequest request) {
                return client.postForFile(ApiPaths.CONFIGURATION_EXPORT, request, EXPORT_TIMEOUT);
            }

            @Override
            public List<ConfigurationBackupView> backups() {
                return client.list(ApiPaths.CONFIGURATION_BACKUPS, ConfigurationBackupView.class);
            }
        };
    }
}
