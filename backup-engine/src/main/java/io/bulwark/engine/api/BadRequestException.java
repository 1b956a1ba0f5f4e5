package io.bulwark.engine.api;

import java.util.Map;

/** The request cannot be read at all: not JSON, wrong shape, unknown field. Answered with 400. */
public class BadRequestException extends RuntimeException {
    private final Map<String, String> fields;

    public BadRequestException(String message, Map<String, String> fields) {
        super(message);
        this.fields = Map.copyOf(fields);
    }

    public Map<String, String> fields() {
        return fields;
    }
}
