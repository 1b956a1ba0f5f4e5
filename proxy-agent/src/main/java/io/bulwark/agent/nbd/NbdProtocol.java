package io.bulwark.agent.nbd;

/**
 * The numbers of the NBD protocol this client uses, named as in the specification (doc/proto.md of
 * the NetworkBlockDevice/nbd project) so that the code can be read side by side with it. All
 * values travel in network byte order.
 */
final class NbdProtocol {
    private NbdProtocol() {
    }

    static final int DEFAULT_PORT = 10809;

    // Handshake magics.
    static final long NBDMAGIC = 0x4e42444d41474943L;
    static final long IHAVEOPT = 0x49484156454F5054L;
    /** The second magic of the oldstyle handshake, which carries no export names and no TLS. */
    static final long CLISERV_MAGIC = 0x00420281861253L;
    /** The magic that starts every option reply in fixed newstyle negotiation. */
    static final long NBD_REP_MAGIC = 0x3e889045565a9L;

    // Handshake flags (server) and client flags.
    static final int NBD_FLAG_FIXED_NEWSTYLE = 1;
    static final int NBD_FLAG_NO_ZEROES = 1 << 1;
    static final int NBD_FLAG_C_FIXED_NEWSTYLE = 1;
    static final int NBD_FLAG_C_NO_ZEROES = 1 << 1;

    // Options.
    static final int NBD_OPT_EXPORT_NAME = 1;
    static final int NBD_OPT_ABORT = 2;
    static final int NBD_OPT_STARTTLS = 5;
    static final int NBD_OPT_GO = 7;
    static final int NBD_OPT_STRUCTURED_REPLY = 8;
    static final int NBD_OPT_SET_META_CONTEXT = 10;

    // Option reply types; errors have bit 31 set.
    static final int NBD_REP_ACK = 1;
    static final int NBD_REP_INFO = 3;
    static final int NBD_REP_META_CONTEXT = 4;
    static final int NBD_REP_FLAG_ERROR = 1 << 31;
    static final int NBD_REP_ERR_UNSUP = NBD_REP_FLAG_ERROR + 1;
    static final int NBD_REP_ERR_POLICY = NBD_REP_FLAG_ERROR + 2;
    static final int NBD_REP_ERR_INVALID = NBD_REP_FLAG_ERROR + 3;
    static final int NBD_REP_ERR_PLATFORM = NBD_REP_FLAG_ERROR + 4;
    static final int NBD_REP_ERR_TLS_REQD = NBD_REP_FLAG_ERROR + 5;
    static final int NBD_REP_ERR_UNKNOWN = NBD_REP_FLAG_ERROR + 6;
    static final int NBD_REP_ERR_SHUTDOWN = NBD_REP_FLAG_ERROR + 7;
    static final int NBD_REP_ERR_BLOCK_SIZE_REQD = NBD_REP_FLAG_ERROR + 8;
    static final int NBD_REP_ERR_TOO_BIG = NBD_REP_FLAG_ERROR + 9;

    // Information types of NBD_OPT_GO.
    static final short NBD_INFO_EXPORT = 0;
    static final short NBD_INFO_BLOCK_SIZE = 3;

    // Transmission.
    static final int NBD_REQUEST_MAGIC = 0x25609513;
    static final int NBD_SIMPLE_REPLY_MAGIC = 0x67446698;
    static final int NBD_STRUCTURED_REPLY_MAGIC = 0x668e33ef;

    static final short NBD_CMD_READ = 0;
    static final short NBD_CMD_DISC = 2;
    static final short NBD_CMD_BLOCK_STATUS = 7;

    static final int NBD_REPLY_FLAG_DONE = 1;

    static final int NBD_REPLY_TYPE_NONE = 0;
    static final int NBD_REPLY_TYPE_OFFSET_DATA = 1;
    static final int NBD_REPLY_TYPE_OFFSET_HOLE = 2;
    static final int NBD_REPLY_TYPE_BLOCK_STATUS = 5;
    /** Every error chunk type has bit 15 set, known or not; the spec makes unknown ones errors, not violations. */
    static final int NBD_REPLY_TYPE_ERROR_BIT = 1 << 15;
    static final int NBD_REPLY_TYPE_ERROR = NBD_REPLY_TYPE_ERROR_BIT + 1;
    static final int NBD_REPLY_TYPE_ERROR_OFFSET = NBD_REPLY_TYPE_ERROR_BIT + 2;

    // Metadata contexts and their status flags.
    static final String BASE_ALLOCATION = "base:allocation";
    static final String QEMU_DIRTY_BITMAP_PREFIX = "qemu:dirty-bitmap:";
    static final int NBD_STATE_HOLE = 1;
    static final int NBD_STATE_ZERO = 1 << 1;
    /** The one flag of qemu's {@code qemu:dirty-bitmap:NAME} contexts (qemu docs/interop/nbd.txt). */
    static final int NBD_STATE_DIRTY = 1;

    /** The name of an option, for messages an admin may paste into a search engine. */
    static String optionName(int option) {
        return switch (option) {
            case NBD_OPT_EXPORT_NAME -> "NBD_OPT_EXPORT_NAME";
            case NBD_OPT_ABORT -> "NBD_OPT_ABORT";
            case NBD_OPT_STARTTLS -> "NBD_OPT_STARTTLS";
            case NBD_OPT_GO -> "NBD_OPT_GO";
            case NBD_OPT_STRUCTURED_REPLY -> "NBD_OPT_STRUCTURED_REPLY";
            case NBD_OPT_SET_META_CONTEXT -> "NBD_OPT_SET_META_CONTEXT";
            default -> "option " + option;
        };
    }

    static String replyName(int type) {
        return switch (type) {
            case NBD_REP_ACK -> "NBD_REP_ACK";
            case NBD_REP_INFO -> "NBD_REP_INFO";
            case NBD_REP_META_CONTEXT -> "NBD_REP_META_CONTEXT";
            case NBD_REP_ERR_UNSUP -> "NBD_REP_ERR_UNSUP";
            case NBD_REP_ERR_POLICY -> "NBD_REP_ERR_POLICY";
            case NBD_REP_ERR_INVALID -> "NBD_REP_ERR_INVALID";
            case NBD_REP_ERR_PLATFORM -> "NBD_REP_ERR_PLATFORM";
            case NBD_REP_ERR_TLS_REQD -> "NBD_REP_ERR_TLS_REQD";
            case NBD_REP_ERR_UNKNOWN -> "NBD_REP_ERR_UNKNOWN";
            case NBD_REP_ERR_SHUTDOWN -> "NBD_REP_ERR_SHUTDOWN";
            case NBD_REP_ERR_BLOCK_SIZE_REQD -> "NBD_REP_ERR_BLOCK_SIZE_REQD";
            case NBD_REP_ERR_TOO_BIG -> "NBD_REP_ERR_TOO_BIG";
            default -> "reply type 0x" + Integer.toHexString(type);
        };
    }

    /** The error values of transmission replies, with the words of the spec. */
    static String errorName(int error) {
        return switch (error) {
            case 1 -> "NBD_EPERM (operation not permitted)";
            case 5 -> "NBD_EIO (input/output error)";
            case 12 -> "NBD_ENOMEM (cannot allocate memory)";
            case 22 -> "NBD_EINVAL (invalid argument)";
            case 28 -> "NBD_ENOSPC (no space left on device)";
            case 75 -> "NBD_EOVERFLOW (value too large)";
            case 95 -> "NBD_ENOTSUP (operation not supported)";
            case 108 -> "NBD_ESHUTDOWN (server is shutting down)";
            default -> "error " + Integer.toUnsignedString(error);
        };
    }
}
