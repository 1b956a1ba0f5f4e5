/**
 * An NBD client: the agent reads VM disks from qemu-nbd, nbdkit, or any server of the Network
 * Block Device protocol, read-only, as a {@link io.bulwark.agent.source.DiskSource}.
 *
 * <h2>Using it</h2>
 * {@link io.bulwark.agent.nbd.NbdSource#open NbdSource.open(uri, tls, dirtyBitmap)} connects and
 * negotiates; {@code map} tells data from zeroes (and, with a dirty bitmap, changed from
 * unchanged), {@code read} reads. The address is an {@link io.bulwark.agent.nbd.NbdUri}:
 * {@code nbd://HOST[:PORT]/EXPORT} (port 10809 by default, the export name may be empty),
 * {@code nbds://…} for TLS, or {@code nbd+unix:///EXPORT?socket=/path}. TLS material is an
 * {@link io.bulwark.agent.nbd.NbdTls} of PEM files, never part of the URI, so URIs can be logged.
 * {@link io.bulwark.agent.nbd.NbdTimeouts} bounds every wait (10 s to connect, 60 s of server
 * silence by default). Every failure is a {@link io.bulwark.agent.source.SourceException} whose
 * message names the URI and, for reads, the byte, in words an admin can act on.
 *
 * <h2>What of the protocol is implemented</h2>
 * From the NBD specification (doc/proto.md of the NetworkBlockDevice/nbd project):
 * <ul>
 *   <li>Fixed newstyle negotiation with {@code NBD_FLAG_C_FIXED_NEWSTYLE} and
 *       {@code NBD_FLAG_C_NO_ZEROES}; plain newstyle servers get {@code NBD_OPT_EXPORT_NAME} only.
 *       Every {@code NBD_REP_ERR_*} becomes a message; a failed negotiation ends with
 *       {@code NBD_OPT_ABORT} (a soft disconnect).</li>
 *   <li>{@code NBD_OPT_STARTTLS} as the first option for {@code nbds://}, then TLS 1.3 or 1.2 on
 *       the same socket. The server's certificate must chain to the given CA and name the URI's
 *       host in its subjectAltName, as for HTTPS; a client certificate is presented when given.
 *       There is no fallback to clear text.</li>
 *   <li>{@code NBD_OPT_STRUCTURED_REPLY}; {@code NBD_OPT_SET_META_CONTEXT} with
 *       {@code base:allocation} and, when asked, qemu's {@code qemu:dirty-bitmap:NAME};
 *       {@code NBD_OPT_GO} with {@code NBD_INFO_EXPORT} and {@code NBD_INFO_BLOCK_SIZE}, whose
 *       minimum (alignment) and maximum are honoured; {@code NBD_OPT_EXPORT_NAME} when a server
 *       answers {@code NBD_OPT_GO} with {@code NBD_REP_ERR_UNSUP}.</li>
 *   <li>{@code NBD_CMD_READ} in pieces of 1 MiB (less if the server's maximum is lower), up to 8 in
 *       flight, matched to replies by cookie; simple replies, and structured replies of any number
 *       of {@code OFFSET_DATA}, {@code OFFSET_HOLE} and error chunks in any order, checked for
 *       overlap, bounds and completeness. Unaligned reads go through a scratch buffer.</li>
 *   <li>{@code NBD_CMD_BLOCK_STATUS} in requests of up to 1 GiB, repeated from wherever the
 *       server's answer stopped; the two contexts are merged at every boundary of either. An
 *       extent reads as zero only when {@code NBD_STATE_ZERO} is set (a hole alone is not enough);
 *       it is dirty when the bitmap's bit 0 is set, or always without a bitmap.</li>
 *   <li>{@code NBD_CMD_DISC} on close. Nothing that writes is ever sent.</li>
 * </ul>
 * An error the server reports fails that call and keeps the connection. A broken stream (the
 * server went away, stayed silent past the timeout, or broke the protocol) closes the connection
 * for good, and every later call fails with the same message.
 *
 * <h2>What is not</h2>
 * The oldstyle handshake; TLS over Unix sockets ({@code nbds+unix://}) and TLS with pre-shared
 * keys; encrypted private keys; extended headers (64-bit lengths, {@code NBD_OPT_EXTENDED_HEADERS});
 * {@code NBD_OPT_LIST}, {@code NBD_OPT_INFO} and {@code NBD_OPT_LIST_META_CONTEXT}; writes, trim,
 * cache and flush; several connections to one export ({@code NBD_FLAG_CAN_MULTI_CONN}).
 *
 * <h2>How it is built</h2>
 * {@code Link} is the byte stream (TCP, TLS via {@code TlsUpgrade}, or a Unix socket through
 * {@code UnixSocketStreams}); {@code Handshake} negotiates and yields {@code Negotiated};
 * {@code NbdClient} runs the transmission phase, handing each reply message to its
 * {@code PendingRead} or {@code PendingBlockStatus}; {@code ExtentCollector} turns block status
 * into extents. {@code NbdProtocol} names every number as the spec does.
 *
 * <h2>Tested against</h2>
 * qemu-nbd 7.2 (qcow2, raw, dirty bitmaps, x509 TLS with and without client certificates, Unix
 * sockets) and nbdkit 1.32's file plugin, started by the tests through
 * {@code io.bulwark.agent.testing.NbdServer}, with libnbd's {@code nbdinfo --map} as a reference.
 * {@code ReadThroughput} in the tests measures loopback read speed (about 1 to 1.5 GiB/s from
 * qemu-nbd on a 2-core machine).
 */
package io.bulwark.agent.nbd;
