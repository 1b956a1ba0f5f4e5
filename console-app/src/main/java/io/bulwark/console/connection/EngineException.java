package io.bulwark.console.connection;

/**
 * A call to the engine failed. The message is written for the person at the console: it says
 * what happened and, where it can, what to do.
 */
public class EngineException extends RuntimeException {
    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
