package io.bulwark.engine.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.bulwark.engine.entities.ValidationException;
import io.bulwark.protocol.ApiJson;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Reads request bodies and path parameters. Anything that does not fit becomes a
 * {@link BadRequestException} naming the field, so a caller learns which part of the request to fix.
 */
public final class RequestBodies {
    private RequestBodies() {
    }

    public static <T> T read(Context ctx, Class<T> type) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0) {
            throw new BadRequestException("The request needs a JSON body (" + type.getSimpleName() + ").", Map.of());
        }
        try {
            T value = ApiJson.mapper().readValue(body, type);
            if (value == null) {
                throw new BadRequestException("The request body must be a JSON object, not null.", Map.of());
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            String field = path(e);
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", "));
            throw new BadRequestException("Unknown field '" + field + "'. Known fields here: " + known + ".",
                    Map.of(field, "unknown field"));
        } catch (InvalidFormatException e) {
            String field = path(e);
            String expected = e.getTargetType() == null ? "another value" : describe(e.getTargetType());
            throw new BadRequestException("Field '" + field + "' has a value of the wrong kind: expected " + expected + ".",
                    Map.of(field, "must be " + expected));
        } catch (MismatchedInputException e) {
            String field = path(e);
            String expected = e.getTargetType() == null ? "another kind of value" : describe(e.getTargetType());
            if (field.isEmpty()) {
                throw new BadRequestException("The request body must be a JSON object (" + type.getSimpleName() + ").", Map.of());
            }
            throw new BadRequestException("Field '" + field + "' has a value of the wrong kind: expected " + expected + ".",
                    Map.of(field, "must be " + expected));
        } catch (DatabindException e) {
            String field = e instanceof JsonMappingException m ? path(m) : "";
            if (e.getCause() instanceof InputCoercionException coercion) {
                throw new BadRequestException("Field '" + field + "' is out of range for " + describe(coercion.getTargetType())
                        + ".", Map.of(field, "out of range"));
            }
            throw new BadRequestException("Field '" + field + "' cannot be read: " + e.getOriginalMessage(),
                    field.isEmpty() ? Map.of() : Map.of(field, "invalid value"));
        } catch (InputCoercionException e) {
            String field = path(e.getProcessor());
            throw new BadRequestException("Field '" + field + "' is out of range for " + describe(e.getTargetType()) + ".",
                    Map.of(field, "out of range"));
        } catch (JsonParseException e) {
            throw new BadRequestException("The request body is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ").", Map.of());
        } catch (IOException e) {
            throw new BadRequestException("The request body cannot be read: " + e.getMessage(), Map.of());
        }
    }

    /** The {@code {id}} path parameter as a UUID. */
    public static UUID id(Context ctx) {
        String text = ctx.pathParam("id");
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("id", "'" + text + "' is not an id (a UUID such as 123e4567-e89b-12d3-a456-426614174000)");
        }
    }

    /** An optional whole-number query parameter within bounds. */
    public static int intQuery(Context ctx, String name, int fallback, int min, int max) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ValidationException(name, "must be a whole number from " + min + " to " + max);
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String path(JsonParser parser) {
        if (parser == null) {
            return "";
        }
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                parts.addFirst(c.getCurrentName());
            } else if (c.inArray()) {
                parts.addFirst("[" + c.getCurrentIndex() + "]");
            }
        }
        return String.join(".", parts).replace(".[", "[");
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "another value";
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return "one of " + java.util.Arrays.stream(constants).map(String::valueOf).collect(Collectors.joining(", "));
        }
        return switch (type.getSimpleName()) {
            case "int", "Integer", "long", "Long" -> "a whole number";
            case "boolean", "Boolean" -> "true or false";
            case "String" -> "a string";
            case "UUID" -> "an id (UUID)";
            case "Instant" -> "a time such as 2026-01-31T22:00:00Z";
            case "LocalTime" -> "a time of day such as 22:00";
            case "List", "Set" -> "a list";
            default -> "an object (" + type.getSimpleName() + ")";
        };
    }
}
