package io.bulwark.agent.traffic;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * What a data connection sends, held to the traffic rules that match it. Bytes go out in slices
 * of at most one burst of the lowest matching rule, each after its bandwidth was reserved from the
 * bucket of every matching throttling rule. Without a matching rule, a write goes straight through
 * after a check of whether the policy changed.
 *
 * <p>Why every matching bucket and not only the lowest: each rule then holds for all the traffic
 * it matches. With "10.0.0.0/8 at 100 Mbit/s" and "10.0.0.5 at 20 Mbit/s", a backup to 10.0.0.5
 * counts against both, so the 100 Mbit/s of the wider rule is never exceeded by the sum of its
 * connections; the connection itself still gets no more than the lowest, 20 Mbit/s.
 */
final class ShapedOutputStream extends FilterOutputStream {
    /** How often rules are looked at again although the policy did not change: schedules turn on the hour. */
    private static final long RECHECK_NANOS = 1_000_000_000L;
    /** A sender waiting for bandwidth looks this often whether its rules changed. */
    private static final long WAIT_SLICE_NANOS = 100_000_000L;

    private final TrafficShaper shaper;
    private final InetAddress sender;
    private final InetAddress receiver;
    private ShapingPolicy seen;
    private long checkedAt;
    private List<TokenBucket> limits = List.of();

    ShapedOutputStream(OutputStream out, TrafficShaper shaper, InetAddress sender, InetAddress receiver) {
        super(out);
        this.shaper = shaper;
        this.sender = sender;
        this.receiver = receiver;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        int sent = 0;
        while (sent < length) {
            List<TokenBucket> governing = limits();
            if (governing.isEmpty()) {
                out.write(bytes, offset + sent, length - sent);
                return;
            }
            int slice = Math.min(length - sent, governing.getFirst().burstBytes());
            if (awaitBandwidth(governing, slice)) {
                out.write(bytes, offset + sent, slice);
                sent += slice;
            }
        }
    }

    /**
     * Reserves {@code bytes} from every bucket in {@code governing} and waits until all allow them.
     *
     * @return false when the rules changed while waiting: the caller starts over under the new ones
     */
    private boolean awaitBandwidth(List<TokenBucket> governing, int bytes) throws IOException {
        long now = System.nanoTime();
        long sendAt = now;
        for (TokenBucket bucket : governing) {
            sendAt = Math.max(sendAt, bucket.reserve(bytes, now));
        }
        // A reservation left behind when rules change stays charged to its bucket: at most one
        // burst, on a rule that was dropped or changed anyway, or for one moment of a schedule.
        for (long wait = sendAt - System.nanoTime(); wait > 0; wait = sendAt - System.nanoTime()) {
            try {
                Thread.sleep(Duration.ofNanos(Math.min(wait, WAIT_SLICE_NANOS)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while held to a traffic rule's bandwidth");
            }
            if (!limits().equals(governing)) {
                return false;
            }
        }
        return true;
    }

    /** The buckets that govern this connection now; looked up again when the policy or the hour may have changed. */
    private List<TokenBucket> limits() {
        ShapingPolicy current = shaper.current();
        long now = System.nanoTime();
        if (current != seen || now - checkedAt > RECHECK_NANOS) {
            limits = shaper.limitsFor(current, sender, receiver);
            seen = current;
            checkedAt = now;
        }
        return limits;
    }
}
