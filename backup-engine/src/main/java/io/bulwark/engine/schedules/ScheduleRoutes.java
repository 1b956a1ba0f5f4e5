package io.bulwark.engine.schedules;

import io.bulwark.engine.api.ApiRoute;
import io.bulwark.engine.api.RequestBodies;
import io.bulwark.engine.api.RouteSource;
import io.bulwark.engine.entities.NotFoundException;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.auth.Role;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.UUID;

/** When a job runs next: read beside the job, since {@code JobView} holds only what an admin sets. */
public class ScheduleRoutes implements RouteSource {
    private final ScheduleStore store;

    public ScheduleRoutes(ScheduleStore store) {
        this.store = store;
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(new ApiRoute(HandlerType.GET, ApiPaths.JOBS + "/{id}/next-run", Role.VIEWER,
                ApiPaths.collection(ApiPaths.JOBS),
                "When the job's schedule runs it next and when its health check comes next (null for none)",
                null, NextRun.class, 200, ctx -> {
                    UUID id = RequestBodies.id(ctx);
                    ctx.json(store.find(id).orElseThrow(() -> new NotFoundException("job", id)));
                }));
    }
}
