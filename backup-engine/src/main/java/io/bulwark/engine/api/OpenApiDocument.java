package io.bulwark.engine.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.errors.ApiError;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3.1 description of the whole API, made from the same {@link ApiRoute}s the server
 * serves and from the protocol's records, so it cannot drift from what the engine does.
 */
public final class OpenApiDocument {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");
    private static final Map<Integer, String> ERRORS = Map.of(
            400, "The request is malformed or a field is invalid; `fields` names each one.",
            401, "Not logged in, or the token has expired.",
            403, "The caller's role does not allow this.",
            404, "No such entity.",
            409, "The change clashes with the configuration: a name taken, an entity in use.");

    private final ObjectNode schemas = JSON.objectNode();

    private OpenApiDocument() {
    }

    public static ObjectNode describe(List<ApiRoute> routes, String version) {
        return new OpenApiDocument().build(routes, version);
    }

    private ObjectNode build(List<ApiRoute> routes, String version) {
        ObjectNode document = JSON.objectNode();
        document.put("openapi", "3.1.0");
        document.putObject("info")
                .put("title", "Bulwark engine API")
                .put("version", version)
                .put("description", "Configuration, jobs and sessions of a Bulwark backup engine. Log in with POST "
                        + ApiPaths.LOGIN + " and send the token as 'Authorization: Bearer TOKEN'. Changes are "
                        + "announced on the server-sent event stream " + ApiPaths.EVENTS + ".");
        ObjectNode paths = document.putObject("paths");
        for (ApiRoute route : routes) {
            ObjectNode path = paths.has(route.path()) ? (ObjectNode) paths.get(route.path()) : paths.putObject(route.path());
            path.set(route.method().name().toLowerCase(Locale.ROOT), operation(route));
        }
        paths.putObject(ApiPaths.EVENTS).set("get", events());
        schema(ApiError.class);
        ObjectNode components = document.putObject("components");
        components.set("schemas", schemas);
        components.putObject("securitySchemes").putObject("bearer").put("type", "http").put("scheme", "bearer");
        document.putArray("security").addObject().putArray("bearer");
        return document;
    }

    private ObjectNode operation(ApiRoute route) {
        ObjectNode operation = JSON.objectNode();
        operation.putArray("tags").add(route.tag());
        operation.put("summary", route.summary());
        operation.put("description", route.isPublic() ? "Public: needs no token."
                : "Needs the role " + route.role() + " or higher.");
        operation.put("x-bulwark-role", route.isPublic() ? "PUBLIC" : route.role().name());
        if (route.isPublic()) {
            operation.putArray("security");
        }
        Matcher parameters = PATH_PARAMETER.matcher(route.path());
        ArrayNode list = null;
        while (parameters.find()) {
            list = list == null ? operation.putArray("parameters") : list;
            list.addObject().put("name", parameters.group(1)).put("in", "path").put("required", true)
                    .putObject("schema").put("type", "string").put("format", "uuid");
        }
        if (route.requestBody() != null) {
            operation.putObject("requestBody").put("required", true).putObject("content")
                    .putObject("application/json").set("schema", schema(route.requestBody()));
        }
        ObjectNode responses = operation.putObject("responses");
        ObjectNode success = responses.putObject(String.valueOf(route.status()));
        success.put("description", "Success");
        if (route.response() == byte[].class) {
            success.putObject("content").putObject("application/octet-stream").putObject("schema")
                    .put("type", "string").put("format", "binary");
        } else if (route.response() != null) {
            success.putObject("content").putObject("application/json").set("schema", schema(route.response()));
        }
        ERRORS.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .filter(e -> !(route.isPublic() && (e.getKey() == 403 || e.getKey() == 404)))
                .forEach(e -> responses.putObject(String.valueOf(e.getKey())).put("description", e.getValue())
                        .putObject("content").putObject("application/json")
                        .putObject("schema").put("$ref", "#/components/schemas/ApiError"));
        return operation;
    }

    private ObjectNode events() {
        ObjectNode operation = JSON.objectNode();
        operation.putArray("tags").add("events");
        operation.put("summary", "Follow changes as server-sent events");
        operation.put("description", "A text/event-stream; send 'Accept: text/event-stream'. Event 'hello' opens it; each event 'change' carries a "
                + "ChangeEvent as JSON; a comment every 15 seconds keeps it alive. Needs the role VIEWER or higher; "
                + "each client hears only of what its role may read.");
        schema(io.bulwark.protocol.events.ChangeEvent.class);
        operation.putObject("responses").putObject("200").put("description", "The event stream")
                .putObject("content").putObject("text/event-stream").putObject("schema").put("type", "string");
        return operation;
    }

    private ObjectNode schema(Type type) {
        ObjectNode node = JSON.objectNode();
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                node.put("type", "array").set("items", schema(arguments[0]));
                if (java.util.Set.class.isAssignableFrom(raw)) {
                    node.put("uniqueItems", true);
                }
            } else if (Map.class.isAssignableFrom(raw)) {
                node.put("type", "object").set("additionalProperties", schema(arguments[1]));
                if (arguments[0] instanceof Class<?> key && key.isEnum()) {
                    node.set("propertyNames", schema(key));
                }
            }
            return node;
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            node.put("type", "string");
        } else if (c == int.class || c == Integer.class) {
            node.put("type", "integer").put("format", "int32");
        } else if (c == long.class || c == Long.class) {
            node.put("type", "integer").put("format", "int64");
        } else if (c == boolean.class || c == Boolean.class) {
            node.put("type", "boolean");
        } else if (c == UUID.class) {
            node.put("type", "string").put("format", "uuid");
        } else if (c == Instant.class) {
            node.put("type", "string").put("format", "date-time");
        } else if (c == LocalTime.class) {
            node.put("type", "string").put("format", "time").put("example", "22:00:00");
        } else if (c.isEnum()) {
            ArrayNode values = node.put("type", "string").putArray("enum");
            for (Object constant : c.getEnumConstants()) {
                values.add(((Enum<?>) constant).name());
            }
        } else if (c.isRecord()) {
            if (!schemas.has(c.getSimpleName())) {
                ObjectNode record = schemas.putObject(c.getSimpleName());
                record.put("type", "object").put("additionalProperties", false);
                ObjectNode properties = record.putObject("properties");
                for (RecordComponent component : c.getRecordComponents()) {
                    properties.set(component.getName(), schema(component.getGenericType()));
                }
            }
            node.put("$ref", "#/components/schemas/" + c.getSimpleName());
        } else {
            throw new IllegalArgumentException("No OpenAPI schema for " + c.getName());
        }
        return node;
    }
}
