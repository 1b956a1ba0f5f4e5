package io.bulwark.protocol.datamover;

import java.nio.charset.StandardCharsets;

/**
 * The data mover wire protocol, version 1.1: how a proxy agent backs up into a repository agent.
 *
 * <p>The connection is TLS 1.3 with certificates on both sides. Every message is a frame:
 * <pre>
 * frame    type (u8) | payload length (u32) | payload
 * </pre>
 * Integers are big-endian and unsigned. A {@code string} is a length (u32) and that many bytes of
 * UTF-8, a {@code file} a length (u32) and that many bytes. Every length read from the wire is
 * checked against a limit before anything is allocated: a frame against its type's
 * {@link FrameType#maxPayload()} (none more than {@link #MAX_FRAME_BYTES}), a string against
 * {@link #MAX_STRING_BYTES}, a file against {@link #MAX_FILE_BYTES}. A peer that breaks a rule gets
 * an ERROR and is disconnected.
 *
 * <pre>
 * type  name            direction  payload
 * 0x01  HELLO           p → r      magic "BWRP" | major (u16) | minor (u16) | software (string)
 * 0x02  WELCOME         r → p      magic "BWRP" | major (u16) | minor (u16) | software (string)
 * 0x03  ERROR           both       code (u16, {@link ErrorCode}) | message (string); the sender then closes
 * 0x04  NOTICE          r → p      message (string): something the admin should know, such as a wait
 * 0x10  OPEN            p → r      (empty), or since 1.1 the repository folder (string): asks for
 *                                  the repository's public files ({@link OpenRepository})
 * 0x11  REPOSITORY      r → p      config (file) | key file (file), as stored: the key file is
 *                                  password-wrapped, and the proxy unwraps it itself
 * 0x12  BEGIN_BACKUP    p → r      point id (16): the agent takes the repository lock shared
 * 0x13  BACKUP_STARTED  r → p      (empty)
 * 0x20  LIST_POINTS     p → r      (empty)
 * 0x21  POINT           r → p      point id (16) | metadata file (file), encrypted, once per point
 * 0x22  POINTS_END      r → p      number of POINT frames sent (u32)
 * 0x23  GET_TABLE       p → r      point id (16)
 * 0x24  TABLE_DATA      both       the next bytes of a block table file (up to {@link #TABLE_CHUNK_BYTES})
 * 0x25  TABLE_END       both       the table file's length (u64), after its TABLE_DATA frames
 * 0x30  CLAIM           p → r      request id (u32) | count (u32) | count fingerprints (32 each)
 * 0x31  CLAIM_RESULT    r → p      request id (u32) | count (u32) | bitmap (count bits, first in the
 *                                  high bit of the first byte): 1 = send this block
 * 0x32  STORE           p → r      fingerprint (32) | codec (u8) | raw length (u32) | sealed bytes
 * 0x40  COMMIT          p → r      metadata file (file); the table was uploaded just before
 * 0x41  COMMITTED       r → p      (empty)
 * </pre>
 * (p: the proxy, which reads the disk; r: the repository agent.)
 *
 * <p>A backup runs: HELLO/WELCOME; OPEN/REPOSITORY; BEGIN_BACKUP/BACKUP_STARTED (NOTICE frames
 * may come between while a prune holds the repository); for an incremental backup LIST_POINTS
 * and GET_TABLE; then CLAIM, and STORE for each block a CLAIM_RESULT asks for, pipelined: a proxy
 * sends CLAIMs and STOREs without waiting, and a repository agent answers CLAIMs in order. Then
 * the new table as TABLE_DATA frames and TABLE_END, COMMIT, COMMITTED. The agent never sees a key
 * or the password: blocks, tables and metadata arrive encrypted. A connection that ends before
 * COMMITTED leaves no restore point; the packs finished by then stay, indexed, for the next backup.
 *
 * <p>Versions: a repository agent serves proxies of its own major version, of any minor version;
 * a minor version only adds what an older peer may ignore. HELLO carries the proxy's version, and
 * an agent of another major version answers with an ERROR of code {@link ErrorCode#VERSION}.
 */
public final class DataMoverProtocol {
    /** The first bytes of HELLO and WELCOME: "Bulwark repository protocol". */
    public static final byte[] MAGIC = "BWRP".getBytes(StandardCharsets.US_ASCII);
    public static final int MAJOR_VERSION = 1;
    /** 1.1: OPEN may name the repository folder, for an agent that serves several. */
    public static final int MINOR_VERSION = 1;

    /** No frame is larger, whatever its type. */
    public static final int MAX_FRAME_BYTES = 64 << 20;
    public static final int MAX_STRING_BYTES = 16 << 10;
    /** The repository config, the key file, and a restore point's metadata file. */
    public static final int MAX_FILE_BYTES = 1 << 20;
    public static final int TABLE_CHUNK_BYTES = 1 << 20;
    public static final int MAX_CLAIM_FINGERPRINTS = 1 << 16;
    /** The sealed bytes of one block: a 4 MiB block that LZ4 could not shrink, with its nonce and tag. */
    public static final int MAX_SEALED_BYTES = (4 << 20) + (64 << 10);

    public static final int POINT_ID_BYTES = 16;
    public static final int FINGERPRINT_BYTES = 32;

    private DataMoverProtocol() {
    }
}
