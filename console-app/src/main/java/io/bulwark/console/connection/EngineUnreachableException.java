package io.bulwark.console.connection;

/** The network let the console down: the engine is not running, not reachable, or stopped answering. */
public final class EngineUnreachableException extends EngineException {
    public EngineUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
