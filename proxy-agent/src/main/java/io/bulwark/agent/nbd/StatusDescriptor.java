package io.bulwark.agent.nbd;

/**
 * One block status descriptor: {@code length} bytes (unsigned 32 bits on the wire, never zero)
 * with the {@code flags} its metadata context defines.
 */
record StatusDescriptor(long length, int flags) {
}
