package io.bulwark.agent.traffic;

/**
 * The bandwidth of one throttling rule, shared by every connection the rule matches. Kept as the
 * time at which the bucket would be full again (a virtual schedule rather than a token count): a
 * sender reserves its bytes and learns when it may send them, so concurrent senders queue in
 * order and together never exceed the rate, without a thread of its own refilling anything.
 */
final class TokenBucket {
    /** Small enough that a rate measured over a few seconds is the rule's rate. */
    private static final long BURST_NANOS = 50_000_000L;
    /** One TLS record's worth of plaintext: a smaller burst would only cut records short. */
    static final int MIN_BURST_BYTES = 16 * 1024;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final Bandwidth bandwidth;
    private final int burstBytes;
    private final long burstNanos;
    private long fullAgainAt = Long.MIN_VALUE;

    TokenBucket(Bandwidth bandwidth) {
        this.bandwidth = bandwidth;
        this.burstBytes = (int) Math.min(Integer.MAX_VALUE,
                Math.max(MIN_BURST_BYTES, bandwidth.bytesPerSecond() * BURST_NANOS / NANOS_PER_SECOND));
        this.burstNanos = nanosFor(burstBytes);
    }

    Bandwidth bandwidth() {
        return bandwidth;
    }

    /** The most bytes one reservation should take, so no sender holds the rule for long. */
    int burstBytes() {
        return burstBytes;
    }

    /**
     * Takes {@code bytes} from the bucket.
     *
     * @return the {@link System#nanoTime()} from which they may be sent (now or earlier: at once)
     */
    synchronized long reserve(int bytes, long now) {
        // An idle bucket fills up to one burst, no more: idleness is not saved up.
        fullAgainAt = Math.max(fullAgainAt, now) + nanosFor(bytes);
        return fullAgainAt - burstNanos;
    }

    /** Bytes are at most an int's worth, so the product stays well inside a long. */
    private long nanosFor(int bytes) {
        return bytes * NANOS_PER_SECOND / bandwidth.bytesPerSecond();
    }
}
