package io.bulwark.engine.configbackup;

import io.bulwark.engine.api.ApiRoute;
import io.bulwark.engine.api.ApiServer;
import io.bulwark.engine.api.ApiTypes;
import io.bulwark.engine.api.RequestBodies;
import io.bulwark.engine.api.RouteSource;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.auth.Role;
import io.bulwark.protocol.configuration.ConfigurationBackupView;
import io.bulwark.protocol.configuration.ConfigurationExportRequest;
import io.javalin.http.HandlerType;
import java.util.List;

/** The REST API of configuration backups: export one, list them. Administrators only: a backup holds every secret. */
public class ConfigurationRoutes implements RouteSource {
    private final ConfigurationBackups backups;

    public ConfigurationRoutes(ConfigurationBackups backups) {
        this.backups = backups;
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                new ApiRoute(HandlerType.POST, ApiPaths.CONFIGURATION_EXPORT, Role.ADMINISTRATOR, "configuration",
                        "Export the whole configuration (every table, the master key, the TLS and CA keys) to a file "
                                + "sealed with the password given; 'bulwark-engine config import' loads it",
                        ConfigurationExportRequest.class, byte[].class, 200,
                        ctx -> {
                            ConfigurationBackups.Export export = backups.export(ApiServer.caller(ctx),
                                    RequestBodies.read(ctx, ConfigurationExportRequest.class));
                            ctx.contentType("application/octet-stream")
                                    .header("Content-Disposition", "attachment; filename=\"" + export.fileName() + "\"")
                                    .result(export.content());
                        }),
                new ApiRoute(HandlerType.GET, ApiPaths.CONFIGURATION_BACKUPS, Role.ADMINISTRATOR, "configuration",
                        "List the configuration backups made: exports, and those the engine made before a schema "
                                + "migration or an import", null, ApiTypes.listOf(ConfigurationBackupView.class), 200,
                        ctx -> ctx.json(backups.list())));
    }
}
