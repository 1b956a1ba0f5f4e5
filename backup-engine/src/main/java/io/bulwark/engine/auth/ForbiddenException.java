package io.bulwark.engine.auth;

/** The caller is logged in but their role does not allow this; answered with 403. */
public class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) {
        super(message);
    }
}
