package io.bulwark.engine.trafficrules;

import io.bulwark.engine.api.ApiRoute;
import io.bulwark.engine.api.ApiServer;
import io.bulwark.engine.api.ApiTypes;
import io.bulwark.engine.api.RequestBodies;
import io.bulwark.engine.api.RouteSource;
import io.bulwark.engine.audit.AuditLog;
import io.bulwark.engine.auth.Caller;
import io.bulwark.engine.entities.FieldErrors;
import io.bulwark.engine.events.ChangeEvents;
import io.bulwark.engine.servers.ServerService;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.auth.Role;
import io.bulwark.protocol.events.ChangeAction;
import io.bulwark.protocol.trafficrules.TrafficRuleView;
import io.bulwark.protocol.trafficrules.TrafficSettings;
import io.javalin.http.HandlerType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.springframework.transaction.support.TransactionTemplate;

/** The REST API of the global traffic settings, which sit beside the rules in the Network Traffic Rules dialog. */
public class TrafficRoutes implements RouteSource {
    /** The settings are one document; change events and the audit log name it by this fixed id. */
    public static final UUID SETTINGS_ID = UUID.nameUUIDFromBytes("traffic-settings".getBytes(StandardCharsets.UTF_8));
    public static final int MAX_UPLOAD_STREAMS = 32;

    private final TrafficSettingsStore store;
    private final TrafficRuleService rules;
    private final ServerService servers;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final ChangeEvents events;

    public TrafficRoutes(TrafficSettingsStore store, TrafficRuleService rules, ServerService servers,
                         TransactionTemplate transactions, AuditLog audit, ChangeEvents events) {
        this.store = store;
        this.rules = rules;
        this.servers = servers;
        this.transactions = transactions;
        this.audit = audit;
        this.events = events;
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                new ApiRoute(HandlerType.GET, ApiPaths.TRAFFIC_SETTINGS, Role.VIEWER, "traffic-rules",
                        "Read the global traffic settings", null, TrafficSettings.class, 200,
                        ctx -> ctx.json(store.get())),
                new ApiRoute(HandlerType.GET, ApiPaths.SERVERS + "/{id}/traffic-rules", Role.VIEWER,
                        "traffic-rules", "List the traffic rules that apply to a managed server's address", null,
                        ApiTypes.listOf(TrafficRuleView.class), 200,
                        ctx -> ctx.json(rules.applyingTo(resolve(servers.get(RequestBodies.id(ctx)).address())))),
                new ApiRoute(HandlerType.PUT, ApiPaths.TRAFFIC_SETTINGS, Role.ADMINISTRATOR, "traffic-rules",
                        "Change the global traffic settings; agents get them at once", TrafficSettings.class,
                        TrafficSettings.class, 200,
                        ctx -> ctx.json(put(ApiServer.caller(ctx), RequestBodies.read(ctx, TrafficSettings.class)))));
    }

    /** The address a server's traffic comes from; null for a name this engine cannot resolve now. */
    private static InetAddress resolve(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private TrafficSettings put(Caller caller, TrafficSettings request) {
        FieldErrors errors = new FieldErrors();
        int streams = errors.range("uploadStreams", request.uploadStreams(), 1, MAX_UPLOAD_STREAMS,
                TrafficSettings.DEFAULTS.uploadStreams());
        errors.throwIfAny();
        TrafficSettings settings = new TrafficSettings(streams);
        transactions.executeWithoutResult(status -> {
            store.put(settings);
            audit.append(caller.username(), ChangeAction.UPDATED, ApiPaths.collection(ApiPaths.TRAFFIC_SETTINGS),
                    SETTINGS_ID, "Traffic settings");
        });
        events.publish(ApiPaths.collection(ApiPaths.TRAFFIC_SETTINGS), ChangeAction.UPDATED, SETTINGS_ID,
                caller.username());
        return settings;
    }
}
