package io.bulwark.console.connection;

import io.bulwark.protocol.errors.ApiError;

/** The engine answered with an error; its message is the engine's own. */
public final class EngineRefusedException extends EngineException {
    private final transient ApiError error;

    public EngineRefusedException(ApiError error) {
        super(error.message());
        this.error = error;
    }

    public int status() {
        return error.status();
    }

    public ApiError error() {
        return error;
    }
}
