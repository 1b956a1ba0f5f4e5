package io.bulwark.engine.security;

/** The master key cannot be used; the engine must not start. */
public class MasterKeyException extends RuntimeException {
    public MasterKeyException(String message) {
        super(message);
    }
}
