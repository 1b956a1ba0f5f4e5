package io.bulwark.engine.api;

import io.bulwark.engine.servers.ThisHost;
import io.bulwark.engine.audit.AuditLog;
import io.bulwark.engine.settings.EngineSettings;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.audit.AuditEntry;
import io.bulwark.protocol.auth.Role;
import io.bulwark.protocol.engine.EngineInfo;
import io.bulwark.protocol.engine.EngineVersion;
import io.javalin.http.HandlerType;
import java.time.Clock;
import java.util.List;

/** About the engine itself: its identity, its versions and its audit log. */
public class EngineRoutes implements RouteSource {
    private final EngineInfo info;
    private final EngineVersion versions;
    private final AuditLog audit;

    public EngineRoutes(EngineSettings settings, AuditLog audit, Clock clock, EngineVersion versions) {
        this.audit = audit;
        this.versions = versions;
        this.info = new EngineInfo(versions.product(), ThisHost.hostname(), settings.database().productName(),
                clock.instant());
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                // Public, so that a console learns before it sends a password whether it can work with this engine;
                // the 426 a too-old console gets at login names the release anyway.
                new ApiRoute(HandlerType.GET, ApiPaths.VERSION, null, "engine", "Read the engine's versions (no login)",
                        null, EngineVersion.class, 200, ctx -> ctx.json(versions)),
                new ApiRoute(HandlerType.GET, ApiPaths.ENGINE, Role.VIEWER, "engine", "Read about the engine", null,
                        EngineInfo.class, 200, ctx -> ctx.json(info)),
                new ApiRoute(HandlerType.GET, ApiPaths.AUDIT, Role.ADMINISTRATOR, "engine", "Read the audit log", null,
                        ApiTypes.listOf(AuditEntry.class), 200,
                        ctx -> ctx.json(audit.newest(RequestBodies.intQuery(ctx, "limit", 500, 1, 10_000)))));
    }

}
