package io.bulwark.console.connection;

import java.util.Optional;

/**
 * Reads a server-sent event stream line by line, as the HTML specification describes it: fields
 * {@code event:} and {@code data:} accumulate until a blank line ends the event; lines starting
 * with a colon are comments (the engine's heartbeats); {@code id:}, {@code retry:} and unknown
 * fields are ignored, the console keeps its own retry policy.
 */
final class SseParser {
    private static final String DEFAULT_NAME = "message";

    private String name = DEFAULT_NAME;
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;

    /** Takes one line (without its line ending) and returns the event it completes, if any. */
    Optional<ServerSentEvent> accept(String line) {
        if (line.isEmpty()) {
            return dispatch();
        }
        if (line.startsWith(":")) {
            return Optional.empty();
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "event" -> name = value;
            case "data" -> {
                if (hasData) {
                    data.append('\n');
                }
                data.append(value);
                hasData = true;
            }
            default -> {
                // id, retry and extensions: nothing the console needs
            }
        }
        return Optional.empty();
    }

    private Optional<ServerSentEvent> dispatch() {
        Optional<ServerSentEvent> event = hasData ? Optional.of(new ServerSentEvent(name, data.toString()))
                : Optional.empty();
        name = DEFAULT_NAME;
        data.setLength(0);
        hasData = false;
        return event;
    }
}
