package io.bulwark.engine.api;

import io.bulwark.protocol.auth.Role;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.lang.reflect.Type;

/**
 * One operation of the REST API: where it is, who may call it, what it takes and gives, and what
 * it does. The API server and the OpenAPI description are both made from these, so neither can
 * forget a route the other knows.
 *
 * @param role        the least role that may call it; null for the few public routes
 * @param requestBody the JSON body it reads, or null
 * @param response    what it answers with {@code status}, or null for no body
 */
public record ApiRoute(
        HandlerType method,
        String path,
        Role role,
        String tag,
        String summary,
        Type requestBody,
        Type response,
        int status,
        Handler handler) {

    public boolean isPublic() {
        return role == null;
    }
}
