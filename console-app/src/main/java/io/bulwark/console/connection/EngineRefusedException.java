package io.bulwark.console.connection;

import io.bulwark.protocol.errors.ApiError;

/** The engine answered with an error; its message is the engine's own. */
public final class EngineRefusedException extends EngineException {
    private final int status;

    public EngineRefusedException(ApiError error) {
        super(error.message());
        this.status = error.status();
    }

    /** The HTTP status: 401 not logged in, 403 the role forbids it, 409 a conflict, … */
    public int status() {
        return status;
    }
}
