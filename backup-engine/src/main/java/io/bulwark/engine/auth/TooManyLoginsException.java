package io.bulwark.engine.auth;

import java.time.Duration;

/** Too many failed logins for one user name; answered with 429 and Retry-After. */
public class TooManyLoginsException extends RuntimeException {
    private final Duration retryAfter;

    public TooManyLoginsException(String username, Duration retryAfter) {
        super("Too many failed logins for '" + username + "'. Wait " + Math.max(1, retryAfter.toSeconds())
                + " seconds and try again, or ask an Administrator to reset the password.");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
