package io.bulwark.engine.entities;

import java.util.Map;

/**
 * The request clashes with what the engine holds: a name already taken, an entity still in use.
 * Answered with 409; {@code field} names the request field at fault, when there is one.
 */
public class ConflictException extends RuntimeException {
    private final Map<String, String> fields;

    public ConflictException(String message) {
        this(message, Map.of());
    }

    public ConflictException(String message, Map<String, String> fields) {
        super(message);
        this.fields = Map.copyOf(fields);
    }

    public Map<String, String> fields() {
        return fields;
    }
}
