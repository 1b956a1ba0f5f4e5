package io.bulwark.engine.entities;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collects what is wrong with a request, field by field, so the caller hears about every problem
 * at once. Field names are the request's JSON paths ({@code throttle.value}).
 */
public final class FieldErrors {
    private final Map<String, String> errors = new LinkedHashMap<>();

    public FieldErrors add(String field, String problem) {
        errors.putIfAbsent(field, problem);
        return this;
    }

    public boolean has(String field) {
        return errors.containsKey(field);
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** A name or other one-line value: required, at most {@code max} characters, no control characters. */
    public String name(String field, String value, int max) {
        return check(field, value, max, true, false);
    }

    /** Free text such as a description: optional, at most {@code max} characters, line breaks allowed. */
    public String text(String field, String value, int max) {
        return check(field, value, max, false, true);
    }

    private String check(String field, String value, int max, boolean required, boolean multiline) {
        if (value == null || value.isBlank()) {
            if (required) {
                add(field, "is required");
            }
            return null;
        }
        if (value.codePointCount(0, value.length()) > max) {
            add(field, "must be at most " + max + " characters");
        } else if (value.codePoints().anyMatch(c -> Character.isISOControl(c) && !(multiline && (c == '\n' || c == '\t')))) {
            add(field, multiline ? "must not contain control characters other than line breaks and tabs"
                    : "must be a single line without control characters");
        }
        return value;
    }

    public <T> T required(String field, T value) {
        if (value == null) {
            add(field, "is required");
        }
        return value;
    }

    /** A whole number in {@code [min, max]}; null takes {@code fallback}, or is an error when that is null too. */
    public Integer range(String field, Integer value, int min, int max, Integer fallback) {
        Integer actual = value == null ? fallback : value;
        if (actual == null) {
            add(field, "is required");
        } else if (actual < min || actual > max) {
            add(field, "must be between " + min + " and " + max);
        }
        return actual;
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
