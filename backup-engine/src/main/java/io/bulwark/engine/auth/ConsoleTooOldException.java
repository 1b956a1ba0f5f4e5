package io.bulwark.engine.auth;

/** A console speaks an API older than this engine serves; answered with 426 Upgrade Required. */
public class ConsoleTooOldException extends RuntimeException {
    public ConsoleTooOldException(String message) {
        super(message);
    }
}
