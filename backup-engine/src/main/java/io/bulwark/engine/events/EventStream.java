package io.bulwark.engine.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.bulwark.engine.auth.ApiTokens;
import io.bulwark.engine.auth.Caller;
import io.bulwark.protocol.ApiJson;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.auth.Role;
import io.bulwark.protocol.events.ChangeEvent;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server-sent event stream ({@code GET /api/v1/events}) that keeps every console current.
 * Each client hears only of the collections its role may read. A comment goes out every
 * {@link #HEARTBEAT} so that dead connections are noticed on both ends. Each client's token is
 * checked again with every heartbeat and at once whenever a user changes, so a logged-out or
 * demoted user stops hearing.
 */
public class EventStream implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventStream.class);
    public static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private record Client(SseClient sse, Caller caller, String token) {
    }

    private final Map<String, Role> readRoles;
    private final ApiTokens tokens;
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final AutoCloseable subscription;
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("sse-heartbeat").daemon().factory());

    /**
     * @param readRoles the least role that may read each collection; collections not listed are
     *                  for Administrators only
     */
    public EventStream(ChangeEvents events, Map<String, Role> readRoles, ApiTokens tokens) {
        this.readRoles = Map.copyOf(readRoles);
        this.tokens = tokens;
        this.subscription = events.subscribe(this::broadcast);
        heartbeat.scheduleAtFixedRate(this::beat, HEARTBEAT.toSeconds(), HEARTBEAT.toSeconds(), TimeUnit.SECONDS);
    }

    public void open(SseClient sse, Caller caller, String token) {
        Client client = new Client(sse, caller, token);
        sse.keepAlive();
        sse.onClose(() -> clients.remove(client));
        clients.add(client);
        send(client, "hello", "{\"user\":" + json(caller.username()) + "}");
    }

    private void broadcast(ChangeEvent event) {
        if (event.collection().equals(ApiPaths.collection(ApiPaths.USERS))) {
            clients.forEach(this::closeIfSessionEnded);
        }
        Role needed = readRoles.getOrDefault(event.collection(), Role.ADMINISTRATOR);
        String data = json(event);
        for (Client client : clients) {
            if (client.caller().role().includes(needed)) {
                send(client, ChangeEvent.SSE_NAME, data);
            }
        }
    }

    private void beat() {
        for (Client client : clients) {
            if (!closeIfSessionEnded(client)) {
                synchronized (client) {
                    client.sse().sendComment("heartbeat");
                }
            }
        }
    }

    /** Ends the stream of a client whose login has ended or whose role has changed; says whether it did. */
    private boolean closeIfSessionEnded(Client client) {
        boolean valid = tokens.authenticate(client.token()).map(Caller::role).filter(r -> r == client.caller().role())
                .isPresent();
        if (!valid) {
            log.info("Closing the event stream of '{}': the session ended or the role changed", client.caller().username());
            clients.remove(client);
            client.sse().close();
        }
        return !valid;
    }

    private void send(Client client, String name, String data) {
        synchronized (client) {
            if (client.sse().terminated()) {
                clients.remove(client);
                return;
            }
            client.sse().sendEvent(name, data);
        }
    }

    private static String json(Object value) {
        try {
            return ApiJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        try {
            subscription.close();
        } catch (Exception e) {
            log.debug("Unsubscribing the event stream failed", e);
        }
        clients.forEach(c -> c.sse().close());
        clients.clear();
    }
}
