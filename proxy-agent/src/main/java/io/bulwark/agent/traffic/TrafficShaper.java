package io.bulwark.agent.traffic;

import io.bulwark.protocol.control.TrafficPolicy;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The traffic rules this agent applies to the data connections it sends on, replaceable while
 * they run. Thread-safe. Each agent makes one and hands it to what opens data connections; there
 * is no global instance, so tests and several agents in one process never share rules by accident.
 */
public final class TrafficShaper {
    private static final Logger LOG = LoggerFactory.getLogger(TrafficShaper.class);

    private final Clock clock;
    private final AtomicReference<ShapingPolicy> policy = new AtomicReference<>(ShapingPolicy.none());

    /** @param clock the wall clock the rules' schedules are read against */
    public TrafficShaper(Clock clock) {
        this.clock = clock;
    }

    /** A shaper without rules: nothing is throttled until a policy is applied. */
    public static TrafficShaper unrestricted() {
        return new TrafficShaper(Clock.systemUTC());
    }

    /**
     * Checks a policy without applying it.
     *
     * @throws IllegalArgumentException naming what is wrong, and with which rule
     */
    public void check(TrafficPolicy next) {
        ShapingPolicy.compile(next, policy.get());
    }

    /**
     * Replaces the rules. Connections already open follow the new ones from their next write, or
     * within a tenth of a second when one is waiting for bandwidth.
     *
     * @throws IllegalArgumentException naming what is wrong, and with which rule; the old rules stay
     */
    public synchronized void apply(TrafficPolicy next) {
        ShapingPolicy compiled = ShapingPolicy.compile(next, policy.get());
        policy.set(compiled);
        long throttling = compiled.rules().stream().filter(ShapingRule::throttles).count();
        LOG.info("Traffic rules applied: {} rule(s), {} throttling; schedules in {}; {} upload stream(s) per job",
                compiled.rules().size(), throttling, next.zone(), next.uploadStreams());
    }

    /** The policy in force, as the engine sent it (or an empty one). */
    public TrafficPolicy policy() {
        return policy.get().source();
    }

    /** How many data connections one job may open to a repository, as the engine's settings say. */
    public int uploadStreams() {
        return policy.get().source().uploadStreams();
    }

    /**
     * Wraps what {@code socket} sends (its application stream {@code out}, below any buffering and
     * above TLS) so that the rules matching its local and remote address govern it.
     */
    public OutputStream shape(OutputStream out, Socket socket) {
        return shape(out, socket.getLocalAddress(), socket.getInetAddress());
    }

    /** Wraps {@code out}, which carries bytes from {@code sender} to {@code receiver}. */
    public OutputStream shape(OutputStream out, InetAddress sender, InetAddress receiver) {
        return new ShapedOutputStream(out, this, sender, receiver);
    }

    ShapingPolicy current() {
        return policy.get();
    }

    /** The buckets governing bytes from {@code sender} to {@code receiver} now, the lowest rate first. */
    List<TokenBucket> limitsFor(ShapingPolicy rules, InetAddress sender, InetAddress receiver) {
        return rules.limitsFor(sender, receiver, clock.instant());
    }
}
