package io.bulwark.engine.auth;

/** The caller is not logged in, or their token is no longer valid; answered with 401. */
public class UnauthorizedException extends RuntimeException {
    public UnauthorizedException(String message) {
        super(message);
    }
}
