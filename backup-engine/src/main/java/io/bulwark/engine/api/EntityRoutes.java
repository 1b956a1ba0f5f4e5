package io.bulwark.engine.api;

import io.bulwark.engine.entities.ChangeRecorder;
import io.bulwark.engine.entities.EntityEndpoint;
import io.bulwark.protocol.EntityView;
import io.bulwark.protocol.events.ChangeAction;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.util.List;

/** The five routes of every configuration entity: list, get, create, update, delete. */
public final class EntityRoutes implements RouteSource {
    private final List<ApiRoute> routes;

    public <R, V extends EntityView> EntityRoutes(EntityEndpoint<R, V> e, ChangeRecorder changes) {
        String one = e.path() + "/{id}";
        String tag = e.collection();
        String singular = e.singular();
        this.routes = List.of(
                new ApiRoute(HandlerType.GET, e.path(), e.readRole(), tag, "List " + tag.replace('-', ' '), null,
                        ApiTypes.listOf(e.viewType()), 200,
                        ctx -> ctx.json(e.service().list())),
                new ApiRoute(HandlerType.GET, one, e.readRole(), tag, "Read a " + singular, null, e.viewType(), 200,
                        ctx -> ctx.json(e.service().get(RequestBodies.id(ctx)))),
                new ApiRoute(HandlerType.POST, e.path(), e.writeRole(), tag, "Create a " + singular, e.requestType(),
                        e.viewType(), 201,
                        ctx -> {
                            R request = RequestBodies.read(ctx, e.requestType());
                            V created = changes.record(ApiServer.caller(ctx), e.collection(), ChangeAction.CREATED,
                                    () -> e.service().create(request, ApiServer.caller(ctx)));
                            ctx.status(HttpStatus.CREATED).header("Location", e.path() + "/" + created.id()).json(created);
                        }),
                new ApiRoute(HandlerType.PUT, one, e.writeRole(), tag, "Change a " + singular, e.requestType(),
                        e.viewType(), 200,
                        ctx -> {
                            var id = RequestBodies.id(ctx);
                            R request = RequestBodies.read(ctx, e.requestType());
                            ctx.json(changes.record(ApiServer.caller(ctx), e.collection(), ChangeAction.UPDATED,
                                    () -> e.service().update(id, request, ApiServer.caller(ctx))));
                        }),
                new ApiRoute(HandlerType.DELETE, one, e.writeRole(), tag, "Delete a " + singular, null, null, 204,
                        ctx -> {
                            var id = RequestBodies.id(ctx);
                            changes.record(ApiServer.caller(ctx), e.collection(), ChangeAction.DELETED,
                                    () -> e.service().delete(id, ApiServer.caller(ctx)));
                            ctx.status(HttpStatus.NO_CONTENT);
                        }));
    }

    @Override
    public List<ApiRoute> routes() {
        return routes;
    }
}
