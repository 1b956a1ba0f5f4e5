package io.bulwark.engine.runs;

import io.bulwark.engine.api.ApiRoute;
import io.bulwark.engine.api.ApiTypes;
import io.bulwark.engine.api.RequestBodies;
import io.bulwark.engine.api.RouteSource;
import io.bulwark.engine.entities.NotFoundException;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.auth.Role;
import io.bulwark.protocol.backups.RestorePointView;
import io.bulwark.protocol.sessions.SessionDetails;
import io.bulwark.protocol.sessions.SessionView;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.UUID;

/** The REST API of running jobs: start one, follow its session, list what it stored. */
public class RunRoutes implements RouteSource {
    private final JobRunner runner;

    public RunRoutes(JobRunner runner) {
        this.runner = runner;
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                new ApiRoute(HandlerType.POST, ApiPaths.JOBS + "/{id}/start", Role.OPERATOR, "jobs",
                        "Start the job now; runs in the background, follow its session", null, SessionView.class,
                        202, ctx -> ctx.status(HttpStatus.ACCEPTED).json(runner.start(RequestBodies.id(ctx)))),
                new ApiRoute(HandlerType.GET, ApiPaths.SESSIONS + "/{id}/details", Role.VIEWER, "sessions",
                        "Read a session with its VMs, tasks, stage load (the bottleneck) and throughput", null,
                        SessionDetails.class, 200,
                        ctx -> {
                            UUID id = RequestBodies.id(ctx);
                            ctx.json(runner.details(id).orElseThrow(() -> new NotFoundException("session", id)));
                        }),
                new ApiRoute(HandlerType.GET, ApiPaths.RESTORE_POINTS, Role.VIEWER, "backups",
                        "List the VMs' restore points, newest first; ?jobId= for one job's", null,
                        ApiTypes.listOf(RestorePointView.class), 200,
                        ctx -> {
                            String job = ctx.queryParam("jobId");
                            ctx.json(runner.restorePoints(job == null ? null : UUID.fromString(job)));
                        }));
    }
}
