package io.bulwark.engine.api;

import io.bulwark.engine.auth.ConsoleTooOldException;
import io.bulwark.engine.auth.ForbiddenException;
import io.bulwark.engine.auth.TooManyLoginsException;
import io.bulwark.engine.auth.UnauthorizedException;
import io.bulwark.engine.entities.ConflictException;
import io.bulwark.engine.entities.NotFoundException;
import io.bulwark.engine.entities.ValidationException;
import io.bulwark.engine.ssh.HostAccessException;
import io.bulwark.protocol.errors.ApiError;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;

/** Turns every failure into one JSON shape, {@link ApiError}, with a message a person can act on. */
final class ApiErrors {
    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {
    }

    static void handle(Exception e, Context ctx) {
        ApiError error = switch (e) {
            case BadRequestException bad -> error(HttpStatus.BAD_REQUEST, bad.getMessage(), bad.fields());
            case ValidationException invalid -> error(HttpStatus.BAD_REQUEST, invalid.getMessage(), invalid.fields());
            case UnauthorizedException unauthorized -> {
                ctx.header("WWW-Authenticate", "Bearer realm=\"bulwark\"");
                yield error(HttpStatus.UNAUTHORIZED, unauthorized.getMessage(), Map.of());
            }
            // 426 without the Upgrade header HTTP would have: it is the console that must change, not the protocol.
            case ConsoleTooOldException tooOld -> error(HttpStatus.UPGRADE_REQUIRED, tooOld.getMessage(), Map.of());
            case ForbiddenException forbidden -> error(HttpStatus.FORBIDDEN, forbidden.getMessage(), Map.of());
            case NotFoundException notFound -> error(HttpStatus.NOT_FOUND, notFound.getMessage(), Map.of());
            case ConflictException conflict -> error(HttpStatus.CONFLICT, conflict.getMessage(), conflict.fields());
            case HostAccessException host -> error(switch (host.problem()) {
                case HOST_KEY_UNKNOWN, HOST_KEY_CHANGED -> HttpStatus.CONFLICT;
                case TIMEOUT -> HttpStatus.GATEWAY_TIMEOUT;
                default -> HttpStatus.BAD_GATEWAY;
            }, host.getMessage(), withProblem(host));
            case TooManyLoginsException tooMany -> {
                ctx.header("Retry-After", String.valueOf(Math.max(1, tooMany.retryAfter().toSeconds())));
                yield error(HttpStatus.TOO_MANY_REQUESTS, tooMany.getMessage(), Map.of());
            }
            case DataIntegrityViolationException clash -> {
                // The services check first; this is two admins racing for the same name.
                log.info("Constraint violation on {} {}: {}", ctx.method(), ctx.path(), clash.getMostSpecificCause().getMessage());
                yield error(HttpStatus.CONFLICT, "The change clashes with another change made at the same time. "
                        + "Refresh and try again.", Map.of());
            }
            case HttpResponseException http -> error(HttpStatus.forStatus(http.getStatus()), httpMessage(http, ctx), Map.of());
            default -> {
                String incident = UUID.randomUUID().toString().substring(0, 8);
                log.error("Request {} {} failed (incident {})", ctx.method(), ctx.path(), incident, e);
                yield error(HttpStatus.INTERNAL_SERVER_ERROR, "The engine failed to handle this request (incident "
                        + incident + "). The engine log has the details.", Map.of());
            }
        };
        write(ctx, error);
    }

    /** A managed host's problem: its kind, and what to show beside it (such as both host key fingerprints). */
    private static Map<String, String> withProblem(HostAccessException host) {
        Map<String, String> fields = new java.util.LinkedHashMap<>(host.details());
        fields.put("problem", host.problem().name());
        return fields;
    }

    static void write(Context ctx, ApiError error) {
        ctx.status(error.status()).json(error);
    }

    static ApiError error(HttpStatus status, String message, Map<String, String> fields) {
        return new ApiError(status.getCode(), status.getMessage(), message, fields);
    }

    private static String httpMessage(HttpResponseException http, Context ctx) {
        return switch (http.getStatus()) {
            case 404 -> "There is no " + ctx.path() + " in this API. The API description is at /api/v1/openapi.json.";
            case 405 -> ctx.method() + " is not allowed on " + ctx.path() + ".";
            case 413 -> "The request body is too large.";
            default -> http.getMessage();
        };
    }
}
