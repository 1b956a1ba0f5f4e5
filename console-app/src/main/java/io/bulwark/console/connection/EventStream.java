package io.bulwark.console.connection;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.bulwark.console.common.EventBus;
import io.bulwark.console.connection.ConnectionEvents.StreamLost;
import io.bulwark.console.connection.ConnectionEvents.StreamOpened;
import io.bulwark.protocol.ApiJson;
import io.bulwark.protocol.events.ChangeEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Listens to the engine's server-sent events for one connection and puts them on the console's
 * event bus: every {@link ChangeEvent}, and whether the stream is open or lost. A stream that
 * ends, breaks, or stays silent longer than {@link #SILENCE_LIMIT} (the engine sends a heartbeat
 * every 15 s) counts as a lost connection; it is opened again after 1, 2, 4 … up to 30 s. A 401
 * ends the session instead: retrying would not help.
 */
public final class EventStream implements AutoCloseable {
    public static final Duration SILENCE_LIMIT = Duration.ofSeconds(40);
    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(30);

    private final EngineClient client;
    private final EventBus bus;
    private final Duration silenceLimit;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("event-stream-watchdog").daemon().factory());
    private volatile Thread reader;
    private volatile boolean closed;
    private volatile InputStream current;
    private volatile Instant lastHeard = Instant.now();
    private volatile boolean fellSilent;

    public EventStream(EngineClient client, EventBus bus) {
        this(client, bus, SILENCE_LIMIT);
    }

    EventStream(EngineClient client, EventBus bus, Duration silenceLimit) {
        this.client = client;
        this.bus = bus;
        this.silenceLimit = silenceLimit;
    }

    public void start() {
        reader = Thread.ofVirtual().name("event-stream-" + client.address()).start(this::listen);
        long period = Math.max(100, silenceLimit.toMillis() / 8);
        watchdog.scheduleWithFixedDelay(this::checkSilence, period, period, TimeUnit.MILLISECONDS);
    }

    /** How long to wait before the next attempt after {@code failures} failed ones: 1, 2, 4 … 30 s. */
    static Duration retryDelay(int failures) {
        Duration delay = Duration.ofSeconds(1L << Math.min(failures, 5));
        return delay.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : delay;
    }

    private void listen() {
        boolean lostBefore = false;
        int failures = 0;
        while (!closed) {
            String reason;
            try (InputStream stream = client.openEventStream()) {
                current = stream;
                lastHeard = Instant.now();
                fellSilent = false;
                failures = 0;
                bus.publish(new StreamOpened(lostBefore));
                reason = read(stream);
            } catch (EngineRefusedException e) {
                if (e.status() == 401) {
                    return; // the client has told the bus that the session ended
                }
                reason = e.getMessage();
            } catch (EngineException e) {
                reason = e.getMessage();
            } catch (IOException e) {
                reason = fellSilent ? silenceReason() : "The event stream broke (" + e.getMessage() + ").";
            } catch (CancellationException e) {
                reason = "The connection attempt was interrupted."; // by close(), which the loop checks next
            } finally {
                current = null;
            }
            if (closed) {
                return;
            }
            lostBefore = true;
            Duration delay = retryDelay(failures++);
            bus.publish(new StreamLost(reason, Instant.now().plus(delay)));
            // The watchdog may have interrupted the read; that must not cut this wait short.
            Thread.interrupted();
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                // closed (the loop ends), or a late watchdog abort (the loop retries a little early)
            }
        }
    }

    private String read(InputStream stream) throws IOException {
        SseParser parser = new SseParser();
        BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null && !closed; line = lines.readLine()) {
            lastHeard = Instant.now();
            parser.accept(line).filter(event -> event.name().equals(ChangeEvent.SSE_NAME)).ifPresent(this::publishChange);
        }
        return fellSilent ? silenceReason() : "The engine closed the event stream.";
    }

    private void publishChange(ServerSentEvent event) {
        try {
            bus.publish(ApiJson.mapper().readValue(event.data(), ChangeEvent.class));
        } catch (JsonProcessingException e) {
            System.getLogger(EventStream.class.getName()).log(System.Logger.Level.WARNING,
                    "Ignoring a change event the console cannot read: " + event.data(), e);
        }
    }

    private String silenceReason() {
        return "No word from the engine for " + silenceLimit.toSeconds() + " s.";
    }

    private void checkSilence() {
        InputStream stream = current;
        if (stream != null && Duration.between(lastHeard, Instant.now()).compareTo(silenceLimit) > 0) {
            fellSilent = true;
            abort(stream);
        }
    }

    /** Unblocks the reader, whichever of closing or interrupting its read responds to. */
    private void abort(InputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            System.getLogger(EventStream.class.getName()).log(System.Logger.Level.DEBUG, "Closing the event stream", e);
        }
        Thread thread = reader;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        watchdog.shutdownNow();
        InputStream stream = current;
        if (stream != null) {
            abort(stream);
        } else if (reader != null) {
            reader.interrupt();
        }
    }
}
