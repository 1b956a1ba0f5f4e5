package io.bulwark.engine.api;

import io.bulwark.engine.auth.ApiTokens;
import io.bulwark.engine.auth.Caller;
import io.bulwark.engine.auth.ForbiddenException;
import io.bulwark.engine.auth.UnauthorizedException;
import io.bulwark.engine.events.EventStream;
import io.bulwark.engine.settings.EngineSettings;
import io.bulwark.engine.tls.EngineCertificate;
import io.bulwark.protocol.ApiJson;
import io.bulwark.protocol.ApiPaths;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API over HTTPS: Javalin on Jetty, TLS only, with the engine's own certificate. Every
 * route but the public ones needs a bearer token; each route names the least role that may call it.
 */
public class ApiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    private static final String CALLER = "bulwark.caller";
    private static final String TOKEN = "bulwark.token";
    private static final long MAX_REQUEST_BYTES = 1024 * 1024;

    private final EngineSettings settings;
    private final EngineCertificate certificate;
    private final ApiTokens tokens;
    private final List<ApiRoute> routes;
    private final EventStream events;
    private Javalin javalin;

    public ApiServer(EngineSettings settings, EngineCertificate certificate, ApiTokens tokens, List<ApiRoute> routes,
                     EventStream events) {
        this.settings = settings;
        this.certificate = certificate;
        this.tokens = tokens;
        this.routes = routes;
        this.events = events;
    }

    /** The caller of the current request, as authenticated before its handler ran. */
    public static Caller caller(Context ctx) {
        Caller caller = ctx.attribute(CALLER);
        if (caller == null) {
            throw new UnauthorizedException("Log in first: this call needs a bearer token.");
        }
        return caller;
    }

    public static String token(Context ctx) {
        return ctx.attribute(TOKEN);
    }

    public void start() {
        Set<String> publicPaths = routes.stream().filter(ApiRoute::isPublic).map(ApiRoute::path).collect(Collectors.toSet());
        javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = true;
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.http.prefer405over404 = true;
            config.jsonMapper(new JavalinJackson(ApiJson.mapper(), true));
            config.jetty.modifyHttpConfiguration(http -> {
                http.setSendServerVersion(false);
                SecureRequestCustomizer secure = new SecureRequestCustomizer();
                // Clients reach the engine by IP as often as by name; they pin the certificate instead.
                secure.setSniHostCheck(false);
                http.addCustomizer(secure);
            });
            config.jetty.addConnector((server, http) -> {
                SslContextFactory.Server tls = new SslContextFactory.Server();
                tls.setKeyStore(certificate.keyStore());
                tls.setKeyStorePassword(new String(certificate.keyStorePassword()));
                tls.setIncludeProtocols("TLSv1.3", "TLSv1.2");
                ServerConnector connector = new ServerConnector(server, tls, new HttpConnectionFactory(http));
                connector.setHost(settings.bindAddress());
                connector.setPort(settings.port());
                return connector;
            });
            config.requestLogger.http((ctx, ms) -> log.debug("{} {} -> {} in {} ms", ctx.method(), ctx.path(),
                    ctx.status().getCode(), ms.longValue()));

            config.routes.before(ctx -> {
                ctx.header("Cache-Control", "no-store");
                ctx.header("X-Content-Type-Options", "nosniff");
                ctx.header("Strict-Transport-Security", "max-age=31536000");
                if (!publicPaths.contains(ctx.path())) {
                    authenticate(ctx);
                }
            });
            for (ApiRoute route : routes) {
                config.routes.addHttpHandler(route.method(), route.path(), authorised(route));
            }
            config.routes.sse(ApiPaths.EVENTS, client -> events.open(client, caller(client.ctx()), token(client.ctx())));
            config.routes.exception(Exception.class, ApiErrors::handle);
            config.routes.error(HttpStatus.NOT_FOUND.getCode(), ctx -> {
                if (ctx.result() == null || !ctx.result().startsWith("{")) {
                    ApiErrors.write(ctx, ApiErrors.error(HttpStatus.NOT_FOUND, "There is no " + ctx.path()
                            + " in this API. The API description is at " + ApiPaths.OPENAPI + ".", java.util.Map.of()));
                }
            });
        });
        javalin.start();
    }

    private void authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new UnauthorizedException("Log in first: this call needs an 'Authorization: Bearer TOKEN' header "
                    + "with a token from POST " + ApiPaths.LOGIN + ".");
        }
        String token = header.substring(7).strip();
        Caller caller = tokens.authenticate(token).orElseThrow(() -> new UnauthorizedException(
                "Your session has expired or was ended. Log in again."));
        ctx.attribute(CALLER, caller);
        ctx.attribute(TOKEN, token);
    }

    private static Handler authorised(ApiRoute route) {
        if (route.isPublic()) {
            return route.handler();
        }
        return ctx -> {
            Caller caller = caller(ctx);
            if (!caller.role().includes(route.role())) {
                throw new ForbiddenException("Your role, " + caller.role() + ", may not " + route.summary().toLowerCase()
                        + ". Ask an Administrator.");
            }
            route.handler().handle(ctx);
        };
    }

    /** The port the API listens on; useful when it was started on port 0. */
    public int port() {
        return ((ServerConnector) javalin.jettyServer().server().getConnectors()[0]).getLocalPort();
    }

    @Override
    public void close() {
        events.close();
        if (javalin != null) {
            javalin.stop();
        }
    }
}
