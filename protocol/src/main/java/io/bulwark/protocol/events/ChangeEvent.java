package io.bulwark.protocol.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Something changed in the engine. Sent on the server-sent event stream as event {@code change}.
 *
 * @param sequence   increases with each event of an engine run and starts again at 1 when the engine
 *                   restarts. A client hears only of what its role may read, so its numbers skip;
 *                   reload everything whenever the stream (re)opens rather than trust the numbers.
 * @param collection the API collection that changed, as in its path ({@code proxies}, {@code jobs}, ...)
 * @param actor      the user who made the change, or {@code system}
 */
public record ChangeEvent(long sequence, Instant at, String collection, ChangeAction action, UUID id, String actor) {
    public static final String SSE_NAME = "change";
}
