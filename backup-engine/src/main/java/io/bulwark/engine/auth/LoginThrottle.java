package io.bulwark.engine.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: after {@link #MAX_FAILURES} failed logins for one user name from
 * one address within {@link #WINDOW}, further attempts for that name from that address are refused
 * until the window has moved on. Keyed by address as well as name, so that whoever guesses locks
 * out themselves and not the real admin at another desk. A successful login clears the count.
 */
public class LoginThrottle {
    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(5);

    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long this user name at this address must wait before the next attempt; zero when it may try now. */
    public Duration waitFor(String username, String address) {
        Deque<Instant> recent = failures.get(key(username, address));
        if (recent == null) {
            return Duration.ZERO;
        }
        synchronized (recent) {
            Instant now = clock.instant();
            recent.removeIf(at -> at.plus(WINDOW).isBefore(now));
            if (recent.size() < MAX_FAILURES) {
                return Duration.ZERO;
            }
            return Duration.between(now, recent.peekFirst().plus(WINDOW));
        }
    }

    public void failed(String username, String address) {
        Deque<Instant> recent = failures.computeIfAbsent(key(username, address), k -> new ArrayDeque<>());
        synchronized (recent) {
            recent.addLast(clock.instant());
            while (recent.size() > MAX_FAILURES) {
                recent.removeFirst();
            }
        }
    }

    public void succeeded(String username, String address) {
        failures.remove(key(username, address));
    }

    private static String key(String username, String address) {
        return (username == null ? "" : username.toLowerCase(Locale.ROOT)) + "\n" + address;
    }
}
