package io.bulwark.engine.api;

import io.bulwark.engine.audit.AuditLog;
import io.bulwark.engine.auth.ApiTokens;
import io.bulwark.engine.auth.ConsoleCompatibility;
import io.bulwark.engine.entities.ChangeRecorder;
import io.bulwark.engine.entities.EntityEndpoint;
import io.bulwark.engine.events.ChangeEvents;
import io.bulwark.engine.events.EventStream;
import io.bulwark.engine.settings.EngineSettings;
import io.bulwark.engine.tls.EngineCertificate;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.ApiVersion;
import io.javalin.http.HandlerType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The REST API: every feature's routes, the OpenAPI description made from them, the event stream. */
@Configuration(proxyBeanMethods = false)
public class ApiConfiguration {

    @Bean
    public EngineRoutes engineRoutes(EngineSettings settings, AuditLog audit, Clock clock,
                                     ConsoleCompatibility consoles) {
        return new EngineRoutes(settings, audit, clock, consoles.engine());
    }

    @Bean(destroyMethod = "close")
    public EventStream eventStream(ChangeEvents events, List<EntityEndpoint<?, ?>> endpoints, ApiTokens tokens) {
        return new EventStream(events, endpoints.stream()
                .collect(Collectors.toMap(EntityEndpoint::collection, EntityEndpoint::readRole)), tokens);
    }

    @Bean(destroyMethod = "close")
    public ApiServer apiServer(EngineSettings settings, EngineCertificate certificate, ApiTokens tokens,
                               EventStream events, List<EntityEndpoint<?, ?>> endpoints, ChangeRecorder changes,
                               List<RouteSource> sources) {
        List<ApiRoute> routes = new ArrayList<>();
        sources.forEach(source -> routes.addAll(source.routes()));
        endpoints.forEach(endpoint -> routes.addAll(new EntityRoutes(endpoint, changes).routes()));
        String openApi = OpenApiDocument.describe(List.copyOf(routes), ApiVersion.product()).toPrettyString();
        routes.add(new ApiRoute(HandlerType.GET, ApiPaths.OPENAPI, null, "engine", "Read this API's description",
                null, Map.class, 200, ctx -> ctx.contentType("application/json").result(openApi)));
        return new ApiServer(settings, certificate, tokens, List.copyOf(routes), events);
    }
}
