package io.bulwark.engine.events;

import io.bulwark.protocol.events.ChangeAction;
import io.bulwark.protocol.events.ChangeEvent;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's small event bus: every committed change is published here once, and every
 * listener (the server-sent event stream to the consoles, later the scheduler) hears of it.
 */
public class ChangeEvents {
    private static final Logger log = LoggerFactory.getLogger(ChangeEvents.class);

    /** The actor of changes the engine makes by itself (deployment progress, role setup), not an admin. */
    public static final String ENGINE = "engine";

    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();
    private final CopyOnWriteArrayList<Consumer<ChangeEvent>> listeners = new CopyOnWriteArrayList<>();

    public ChangeEvents(Clock clock) {
        this.clock = clock;
    }

    /** Registers a listener; the returned handle removes it. */
    public AutoCloseable subscribe(Consumer<ChangeEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public ChangeEvent publish(String collection, ChangeAction action, UUID id, String actor) {
        ChangeEvent event = new ChangeEvent(sequence.incrementAndGet(), clock.instant(), collection, action, id, actor);
        for (Consumer<ChangeEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                log.warn("A change listener failed on {} {} {}", action, collection, id, e);
            }
        }
        return event;
    }
}
