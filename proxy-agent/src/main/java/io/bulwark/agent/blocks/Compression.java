package io.bulwark.agent.blocks;

import java.util.Locale;

/** How blocks are compressed before they are encrypted: the choice an admin makes per job. */
public enum Compression {
    /** Store blocks as they are. */
    NONE,
    /** LZ4: compresses at several hundred MB/s per core; the default. */
    OPTIMAL,
    /** LZ4 HC: smaller blocks for more CPU; decompresses as fast as OPTIMAL. */
    HIGH;

    /** Parses the command-line spelling (none, optimal, high). */
    public static Compression parse(String text) {
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown compression '" + text + "': use none, optimal or high.");
        }
    }
}
