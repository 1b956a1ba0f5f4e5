package io.bulwark.engine.auth;

import io.bulwark.engine.security.PasswordHasher;
import io.bulwark.engine.users.UserStore;
import io.bulwark.engine.users.UserStore.StoredUser;
import io.bulwark.protocol.auth.LoginRequest;
import io.bulwark.protocol.auth.LoginResponse;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a user name and password and hands out a token. Wrong user and wrong password get the
 * same answer, in the same time, so the API does not tell which user names exist.
 */
public class LoginService {
    private static final Logger log = LoggerFactory.getLogger(LoginService.class);
    static final String WRONG_CREDENTIALS = "Wrong user name or password.";

    private final UserStore users;
    private final PasswordHasher hasher;
    private final ApiTokens tokens;
    private final LoginThrottle throttle;
    private final ConsoleCompatibility consoles;

    public LoginService(UserStore users, PasswordHasher hasher, ApiTokens tokens, LoginThrottle throttle,
                        ConsoleCompatibility consoles) {
        this.users = users;
        this.hasher = hasher;
        this.tokens = tokens;
        this.throttle = throttle;
        this.consoles = consoles;
    }

    /**
     * @param console what the client says it is (its version headers); a console too old for this engine is
     *                refused first, before the throttle or the password: it is no failed login, and its user
     *                cannot do anything about it but install another console
     */
    public LoginResponse login(LoginRequest request, ClientDeclaration console, String remoteAddress) {
        try {
            consoles.check(console.apiVersion(), console.productVersion());
        } catch (ConsoleTooOldException e) {
            log.warn("Refused a console from {}: {}", remoteAddress, e.getMessage());
            throw e;
        }
        String username = request.username() == null ? "" : request.username();
        String password = request.password() == null ? "" : request.password();
        Duration wait = throttle.waitFor(username, remoteAddress);
        if (!wait.isZero() && !wait.isNegative()) {
            log.warn("Login for '{}' from {} refused: too many failed attempts", printable(username), remoteAddress);
            throw new TooManyLoginsException(username, wait);
        }
        Optional<StoredUser> user = users.findByUsername(username);
        boolean valid;
        if (user.isPresent()) {
            valid = hasher.verify(password, user.get().passwordHash());
        } else {
            hasher.verifyDecoy(password);
            valid = false;
        }
        if (!valid) {
            throttle.failed(username, remoteAddress);
            log.warn("Failed login for '{}' from {}", printable(username), remoteAddress);
            throw new UnauthorizedException(WRONG_CREDENTIALS);
        }
        throttle.succeeded(username, remoteAddress);
        ApiTokens.IssuedToken token = tokens.issue(user.get().id());
        log.info("User '{}' logged in from {}", user.get().username(), remoteAddress);
        return new LoginResponse(token.token(), token.expiresAt(), user.get().view());
    }

    /** A user name as typed may hold anything; keep the log to one honest line. */
    private static String printable(String username) {
        String oneLine = username.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return oneLine.length() > 64 ? oneLine.substring(0, 64) + "…" : oneLine;
    }
}
