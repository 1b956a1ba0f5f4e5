package io.bulwark.engine.api;

import io.bulwark.engine.servers.ThisHost;
import io.bulwark.engine.audit.AuditLog;
import io.bulwark.engine.settings.EngineSettings;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.audit.AuditEntry;
import io.bulwark.protocol.auth.Role;
import io.bulwark.protocol.engine.EngineInfo;
import io.javalin.http.HandlerType;
import java.time.Clock;
import java.util.List;

/** About the engine itself: its identity and its audit log. */
public class EngineRoutes implements RouteSource {
    private final EngineInfo info;
    private final AuditLog audit;

    public EngineRoutes(EngineSettings settings, AuditLog audit, Clock clock) {
        this.audit = audit;
        this.info = new EngineInfo(version(), ThisHost.hostname(), settings.database().productName(), clock.instant());
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                new ApiRoute(HandlerType.GET, ApiPaths.ENGINE, Role.VIEWER, "engine", "Read about the engine", null,
                        EngineInfo.class, 200, ctx -> ctx.json(info)),
                new ApiRoute(HandlerType.GET, ApiPaths.AUDIT, Role.ADMINISTRATOR, "engine", "Read the audit log", null,
                        ApiTypes.listOf(AuditEntry.class), 200,
                        ctx -> ctx.json(audit.newest(RequestBodies.intQuery(ctx, "limit", 500, 1, 10_000)))));
    }

    public static String version() {
        String version = EngineRoutes.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }


}
