package io.bulwark.protocol.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Something changed in the engine. Sent on the server-sent event stream as event {@code change}.
 *
 * @param sequence   increases by one with each event of an engine run; a gap means events were missed
 * @param collection the API collection that changed, as in its path ({@code proxies}, {@code jobs}, ...)
 * @param actor      the user who made the change, or {@code system}
 */
public record ChangeEvent(long sequence, Instant at, String collection, ChangeAction action, UUID id, String actor) {
    public static final String SSE_NAME = "change";
}
