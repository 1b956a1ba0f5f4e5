package io.bulwark.agent.nbd;

import java.util.OptionalInt;

/**
 * What the handshake settled: the connection to keep using (TLS if it was upgraded), the export,
 * and the features both sides agreed on.
 *
 * @param structuredReplies whether NBD_OPT_STRUCTURED_REPLY was acknowledged
 * @param allocation        the id the server gave {@code base:allocation}, if it agreed to it
 * @param dirtyBitmap       the id of the requested {@code qemu:dirty-bitmap:NAME}, if any
 */
record Negotiated(Link link, long size, BlockSizes blockSizes, boolean structuredReplies, OptionalInt allocation,
                  OptionalInt dirtyBitmap) {
}
