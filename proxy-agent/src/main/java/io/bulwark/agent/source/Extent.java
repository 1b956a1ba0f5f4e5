package io.bulwark.agent.source;

/**
 * A region of a source disk and what is known of it.
 *
 * @param zero  reads as zeroes (a hole, or allocated zeroes): recorded without a read
 * @param dirty changed since the tracking bitmap was made; always true for a source that does
 *              not track changes
 */
public record Extent(long offset, long length, boolean zero, boolean dirty) {
    public Extent {
        if (offset < 0 || length <= 0) {
            throw new IllegalArgumentException("extent [" + offset + ", +" + length + ") is empty or negative");
        }
    }

    public long end() {
        return offset + length;
    }
}
