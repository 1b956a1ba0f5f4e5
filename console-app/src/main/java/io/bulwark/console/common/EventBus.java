package io.bulwark.console.common;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The console's small event bus, one per connection: background code publishes (a change on the
 * engine, a lost connection) and view-models listen. Delivery goes through the dispatcher, which
 * in the running console is the FX thread, so listeners may touch properties directly.
 */
public final class EventBus {
    private final Executor dispatcher;
    private final Map<Class<?>, List<Consumer<?>>> listeners = new ConcurrentHashMap<>();

    /** @param dispatcher where listeners run: {@code Platform::runLater} in the console */
    public EventBus(Executor dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** Returns what ends the subscription, for listeners that live shorter than the bus (a wizard). */
    public <E> Runnable subscribe(Class<E> type, Consumer<? super E> listener) {
        List<Consumer<?>> ofType = listeners.computeIfAbsent(type, t -> new CopyOnWriteArrayList<>());
        ofType.add(listener);
        return () -> ofType.remove(listener);
    }

    /** Delivers the event to the listeners of its exact class. Callable from any thread. */
    public void publish(Object event) {
        dispatcher.execute(() -> deliver(event));
    }

    @SuppressWarnings("unchecked")
    private <E> void deliver(E event) {
        for (Consumer<?> listener : listeners.getOrDefault(event.getClass(), List.of())) {
            ((Consumer<? super E>) listener).accept(event);
        }
    }
}
