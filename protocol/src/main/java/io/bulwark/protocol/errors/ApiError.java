package io.bulwark.protocol.errors;

import java.util.Map;

/**
 * Every error the API returns. {@code message} says what is wrong and what to do; {@code fields}
 * maps each offending request field (dotted path, e.g. {@code throttle.value}) to its problem.
 */
public record ApiError(int status, String error, String message, Map<String, String> fields) {
    public ApiError {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }
}
