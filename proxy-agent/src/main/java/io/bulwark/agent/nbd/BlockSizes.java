package io.bulwark.agent.nbd;

/**
 * The block size constraints of an export (NBD_INFO_BLOCK_SIZE): requests start and end on
 * multiples of {@code minimum}, and reads carry at most {@code maximum} bytes.
 *
 * @param minimum   a power of two, at most 64 KiB; 1 when the server stated nothing
 * @param preferred what the server reads efficiently; informative only
 * @param maximum   the most one request may cover, a multiple of {@code minimum} (0xffffffff: no limit)
 */
record BlockSizes(long minimum, long preferred, long maximum) {
    /** What the spec tells a server without stated constraints to support. */
    static final BlockSizes DEFAULT = new BlockSizes(1, 4096, 0xFFFF_FFFFL);

    /** The three unsigned 32-bit values of NBD_INFO_BLOCK_SIZE, checked against the spec's rules. */
    static BlockSizes fromWire(int minimum, int preferred, int maximum) throws ProtocolViolation {
        long min = Integer.toUnsignedLong(minimum);
        long pref = Integer.toUnsignedLong(preferred);
        long max = Integer.toUnsignedLong(maximum);
        if (min == 0 || Long.bitCount(min) != 1 || min > 65536) {
            throw new ProtocolViolation("its minimum block size " + min + " is not a power of two up to 65536");
        }
        if (max < min || (max != 0xFFFF_FFFFL && max % min != 0)) {
            throw new ProtocolViolation("its maximum block size " + max + " is not a multiple of its minimum " + min);
        }
        return new BlockSizes(min, pref, max);
    }

    long alignDown(long value) {
        return value - value % minimum;
    }

    long alignUp(long value) {
        long remainder = value % minimum;
        return remainder == 0 ? value : value + (minimum - remainder);
    }

    boolean isAligned(long value) {
        return value % minimum == 0;
    }

    /** The length of an NBD_CMD_READ the client would like to send, cut to what the server accepts. */
    int readLength(int wanted) {
        return (int) alignDown(Math.min(maximum, wanted));
    }
}
