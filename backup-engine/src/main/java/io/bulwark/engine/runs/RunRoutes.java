package io.bulwark.engine.runs;

import io.bulwark.engine.api.ApiRoute;
import io.bulwark.engine.api.ApiTypes;
import io.bulwark.engine.api.RequestBodies;
import io.bulwark.engine.api.RouteSource;
import io.bulwark.engine.entities.ConflictException;
import io.bulwark.engine.entities.NotFoundException;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.auth.Role;
import io.bulwark.protocol.backups.RestorePointView;
import io.bulwark.protocol.backups.RestoreRequest;
import io.bulwark.protocol.jobs.JobAction;
import io.bulwark.protocol.sessions.SessionDetails;
import io.bulwark.protocol.sessions.SessionView;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** The REST API of running jobs: start one, follow its session, list what it stored. */
public class RunRoutes implements RouteSource {
    private final JobRunner runner;
    private final RestoreRunner restores;
    private final HealthChecks healthChecks;
    private final JobRetention retention;

    public RunRoutes(JobRunner runner, RestoreRunner restores, HealthChecks healthChecks, JobRetention retention) {
        this.runner = runner;
        this.restores = restores;
        this.healthChecks = healthChecks;
        this.retention = retention;
    }

    private static ApiRoute action(JobAction action, String summary, Function<UUID, SessionView> handler) {
        return new ApiRoute(HandlerType.POST, ApiPaths.JOBS + "/{id}/" + action.path(), Role.OPERATOR, "jobs", summary,
                null, SessionView.class, 202,
                ctx -> ctx.status(HttpStatus.ACCEPTED).json(handler.apply(RequestBodies.id(ctx))));
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                action(JobAction.START, "Start the job now; it runs in the background: follow its session",
                        id -> runner.start(id, RunKind.MANUAL)),
                action(JobAction.ACTIVE_FULL, "Start the job now reading every disk whole (an active full backup)",
                        id -> runner.start(id, RunKind.ACTIVE_FULL)),
                action(JobAction.RETRY, "Run again only the VMs that failed or were stopped in the job's last session",
                        id -> runner.start(id, RunKind.RETRY)),
                action(JobAction.STOP, "Stop the running session: its tasks are cancelled and no VM that did not "
                        + "finish gets a restore point", id -> runner.stop(id, "an operator stopped the job.")),
                action(JobAction.HEALTH_CHECK, "Read back the job's restore points now and mark each healthy or "
                        + "damaged", healthChecks::start),
                new ApiRoute(HandlerType.DELETE, ApiPaths.JOBS + "/{id}/backups", Role.OPERATOR, "backups",
                        "Remove every restore point the job made from its repository and free the space (before "
                                + "deleting a job, for \"delete from disk\")", null,
                        ApiTypes.listOf(RestorePointView.class), 200,
                        ctx -> {
                            UUID id = RequestBodies.id(ctx);
                            if (runner.isRunning(id)) {
                                throw new ConflictException("The job is running: stop it before deleting its "
                                        + "backups.", Map.of());
                            }
                            ctx.json(retention.removeAll(id));
                        }),
                new ApiRoute(HandlerType.GET, ApiPaths.SESSIONS + "/{id}/details", Role.VIEWER, "sessions",
                        "Read a session with its VMs, tasks, stage load (the bottleneck) and throughput", null,
                        SessionDetails.class, 200,
                        ctx -> {
                            UUID id = RequestBodies.id(ctx);
                            ctx.json(runner.details(id).orElseThrow(() -> new NotFoundException("session", id)));
                        }),
                new ApiRoute(HandlerType.POST, ApiPaths.RESTORES, Role.OPERATOR, "backups",
                        "Restore a VM, or some of its disks, from a restore point; runs in the background: follow its "
                                + "session", RestoreRequest.class, SessionView.class, 202,
                        ctx -> ctx.status(HttpStatus.ACCEPTED).json(restores.start(
                                RequestBodies.read(ctx, RestoreRequest.class)))),
                new ApiRoute(HandlerType.GET, ApiPaths.RESTORE_POINTS, Role.VIEWER, "backups",
                        "List the VMs' restore points, newest first; ?jobId= for one job's", null,
                        ApiTypes.listOf(RestorePointView.class), 200,
                        ctx -> {
                            String job = ctx.queryParam("jobId");
                            ctx.json(runner.restorePoints(job == null ? null : UUID.fromString(job)));
                        }));
    }
}
