package io.bulwark.engine.auth;

import io.bulwark.engine.api.ApiRoute;
import io.bulwark.engine.api.ApiServer;
import io.bulwark.engine.api.RequestBodies;
import io.bulwark.engine.api.RouteSource;
import io.bulwark.engine.users.UserService;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.ApiVersion;
import io.bulwark.protocol.auth.LoginRequest;
import io.bulwark.protocol.auth.LoginResponse;
import io.bulwark.protocol.auth.Role;
import io.bulwark.protocol.users.UserView;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.util.List;

/** Logging in and out, and who am I. */
public class AuthRoutes implements RouteSource {
    private final LoginService logins;
    private final ApiTokens tokens;
    private final UserService users;

    public AuthRoutes(LoginService logins, ApiTokens tokens, UserService users) {
        this.logins = logins;
        this.tokens = tokens;
        this.users = users;
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                new ApiRoute(HandlerType.POST, ApiPaths.LOGIN, null, "auth", "Log in", LoginRequest.class,
                        LoginResponse.class, 200,
                        ctx -> ctx.json(logins.login(RequestBodies.read(ctx, LoginRequest.class),
                                new ClientDeclaration(ctx.header(ApiVersion.API_HEADER),
                                        ctx.header(ApiVersion.CONSOLE_HEADER)), ctx.ip()))),
                new ApiRoute(HandlerType.POST, ApiPaths.LOGOUT, Role.VIEWER, "auth", "Log out", null, null, 204,
                        ctx -> {
                            tokens.revoke(ApiServer.token(ctx));
                            ctx.status(HttpStatus.NO_CONTENT);
                        }),
                new ApiRoute(HandlerType.GET, ApiPaths.ME, Role.VIEWER, "auth", "Read the logged-in user", null,
                        UserView.class, 200,
                        ctx -> ctx.json(users.get(ApiServer.caller(ctx).userId()))));
    }
}
