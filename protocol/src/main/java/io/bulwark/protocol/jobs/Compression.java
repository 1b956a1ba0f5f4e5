package io.bulwark.protocol.jobs;

/** How hard a job compresses blocks: none, LZ4 (optimal), or LZ4 HC (high: smaller, slower). */
public enum Compression {
    NONE,
    OPTIMAL,
    HIGH
}
