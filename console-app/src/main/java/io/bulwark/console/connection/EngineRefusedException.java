package io.bulwark.console.connection;

import io.bulwark.protocol.errors.ApiError;
import java.util.Map;

/** The engine answered with an error; its message is the engine's own. */
public final class EngineRefusedException extends EngineException {
    private final int status;
    private final Map<String, String> fields;

    public EngineRefusedException(ApiError error) {
        super(error.message());
        this.status = error.status();
        this.fields = error.fields();
    }

    /**
     * The request fields the engine refused (dotted path, e.g. {@code encryption.password}), with the
     * problem; for a host the engine could not reach, {@code problem} names the kind (UNREACHABLE,
     * REFUSED, TIMEOUT, …).
     */
    public Map<String, String> fields() {
        return fields;
    }

    /** The HTTP status: 401 not logged in, 403 the role forbids it, 409 a conflict, … */
    public int status() {
        return status;
    }
}
