package io.bulwark.engine.entities;

import java.util.Map;
import java.util.stream.Collectors;

/** A request is well-formed but its values are wrong; answered with 400 and the fields. */
public class ValidationException extends RuntimeException {
    private final Map<String, String> fields;

    public ValidationException(Map<String, String> fields) {
        super(describe(fields));
        this.fields = Map.copyOf(fields);
    }

    public ValidationException(String field, String problem) {
        this(Map.of(field, problem));
    }

    public Map<String, String> fields() {
        return fields;
    }

    private static String describe(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining("; ", "Please correct: ", "."));
    }
}
