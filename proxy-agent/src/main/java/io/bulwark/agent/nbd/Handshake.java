package io.bulwark.agent.nbd;

import static io.bulwark.agent.nbd.NbdProtocol.BASE_ALLOCATION;
import static io.bulwark.agent.nbd.NbdProtocol.CLISERV_MAGIC;
import static io.bulwark.agent.nbd.NbdProtocol.IHAVEOPT;
import static io.bulwark.agent.nbd.NbdProtocol.NBDMAGIC;
import static io.bulwark.agent.nbd.NbdProtocol.NBD_FLAG_C_FIXED_NEWSTYLE;
import static io.bulwark.agent.nbd.NbdProtocol.NBD_FLAG_C_NO_ZEROES;
import static io.bulwark.agent.nbd.NbdProtocol.NBD_FLAG_FIXED_NEWSTYLE;
import static io.bulwark.agent.nbd.NbdProtocol.NBD_FLAG_NO_ZEROES;
import static io.bulwark.agent.nbd.NbdProtocol.NBD_INFO_BLOCK_SIZE;
import static io.bulwark.agent.nbd.NbdProtocol.NBD_INFO_EXPORT;
import static io.bulwark.agent.nbd.NbdProtocol.NBD_OPT_ABORT;
import static io.bulwark.agent.nbd.NbdProtocol.NBD_OPT_EXPORT_NAME;
import static io.bulwark.agent.nbd.NbdProtocol.NBD_OPT_GO;
import static io.bulwark.agent.nbd.NbdProtocol.NBD_OPT_SET_META_CONTEXT;
import static io.bulwark.agent.nbd.NbdProtocol.NBD_OPT_STARTTLS;
import static io.bulwark.agent.nbd.NbdProtocol.NBD_OPT_STRUCTURED_REPLY;
import static io.bulwark.agent.nbd.NbdProtocol.NBD_REP_ACK;
import static io.bulwark.agent.nbd.NbdProtocol.NBD_REP_ERR_UNSUP;
import static io.bulwark.agent.nbd.NbdProtocol.NBD_REP_INFO;
import static io.bulwark.agent.nbd.NbdProtocol.NBD_REP_MAGIC;
import static io.bulwark.agent.nbd.NbdProtocol.NBD_REP_META_CONTEXT;
import static io.bulwark.agent.nbd.NbdProtocol.QEMU_DIRTY_BITMAP_PREFIX;
import static io.bulwark.agent.nbd.NbdProtocol.optionName;
import static io.bulwark.agent.nbd.NbdProtocol.replyName;

import io.bulwark.agent.source.SourceException;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The fixed newstyle handshake, in the order the spec recommends: TLS first (so that nothing else
 * is said in clear), then structured replies, metadata contexts, and NBD_OPT_GO with the export
 * and block size information; NBD_OPT_EXPORT_NAME only for servers that do not know NBD_OPT_GO.
 */
final class Handshake {
    /** Option replies are short strings and a few numbers; anything this large is not an NBD server. */
    private static final int MAX_OPTION_REPLY = 1 << 20;
    private static final int EXPORT_NAME_ZEROES = 124;

    private final NbdUri uri;
    private final NbdTls tls;
    private final String dirtyBitmap;
    private final NbdTimeouts timeouts;
    private Link link;
    /** What the client was doing, for a message if the server goes quiet or away. */
    private String stage = "waiting for the server's greeting";
    /** Between the TLS handshake and the server's first answer over TLS, where a refused client certificate shows. */
    private boolean awaitingFirstTlsReply;

    private Handshake(Link link, NbdUri uri, NbdTls tls, String dirtyBitmap, NbdTimeouts timeouts) {
        this.link = link;
        this.uri = uri;
        this.tls = tls;
        this.dirtyBitmap = dirtyBitmap;
        this.timeouts = timeouts;
    }

    /**
     * Negotiates on a fresh connection up to the transmission phase. On failure the connection is
     * closed, after a polite NBD_OPT_ABORT when the server is still listening.
     */
    static Negotiated negotiate(Link link, NbdUri uri, NbdTls tls, String dirtyBitmap, NbdTimeouts timeouts)
            throws SourceException {
        Handshake handshake = new Handshake(link, uri, tls, dirtyBitmap, timeouts);
        try {
            return handshake.run();
        } catch (ProtocolViolation e) {
            handshake.link.close();
            throw new SourceException("The NBD server " + uri + " broke the NBD protocol while " + handshake.stage + ": "
                    + e.getMessage() + ".", e);
        } catch (SourceException e) {
            handshake.abortQuietly();
            throw e;
        } catch (SocketTimeoutException e) {
            handshake.link.close();
            throw new SourceException("The NBD server " + uri + " did not answer within " + timeouts.reply().toSeconds()
                    + " s while " + handshake.stage + ".", e);
        } catch (IOException e) {
            handshake.link.close();
            if (handshake.awaitingFirstTlsReply) {
                throw new SourceException(TlsUpgrade.refusedAfterHandshake(uri, tls), e);
            }
            throw new SourceException("The NBD server " + uri + " closed the connection while " + handshake.stage
                    + ". Is it an NBD server, and is it still running?", e);
        }
    }

    private Negotiated run() throws IOException {
        if (link.in.readLong() != NBDMAGIC) {
            link.close();
            throw new SourceException("The server at " + uri + " is not an NBD server: it did not greet with NBDMAGIC.");
        }
        long style = link.in.readLong();
        if (style == CLISERV_MAGIC) {
            link.close();
            throw new SourceException("The NBD server " + uri + " speaks the oldstyle handshake, which has no export names"
                    + " and no TLS; start it in newstyle mode (the default of qemu-nbd and nbdkit).");
        }
        if (style != IHAVEOPT) {
            throw new ProtocolViolation("its greeting has neither IHAVEOPT nor the oldstyle magic");
        }
        int handshakeFlags = link.in.readUnsignedShort();
        boolean fixedNewstyle = (handshakeFlags & NBD_FLAG_FIXED_NEWSTYLE) != 0;
        boolean noZeroes = (handshakeFlags & NBD_FLAG_NO_ZEROES) != 0;
        link.out.writeInt((fixedNewstyle ? NBD_FLAG_C_FIXED_NEWSTYLE : 0) | (noZeroes ? NBD_FLAG_C_NO_ZEROES : 0));
        link.out.flush();

        if (!fixedNewstyle) {
            // Plain newstyle servers know only NBD_OPT_EXPORT_NAME: no TLS, no metadata.
            if (uri.tls()) {
                link.close();
                throw new SourceException("The NBD server " + uri + " is too old for TLS (no fixed newstyle handshake).");
            }
            requireNoBitmap("the server is too old for metadata contexts");
            return exportName(noZeroes, false, OptionalInt.empty(), OptionalInt.empty());
        }
        if (uri.tls()) {
            startTls();
        }
        boolean structuredReplies = structuredReplies();
        if (!structuredReplies) {
            requireNoBitmap("the server does not support structured replies");
            return go(noZeroes, false, OptionalInt.empty(), OptionalInt.empty());
        }
        List<MetaContext> contexts = setMetaContexts();
        OptionalInt allocation = idOf(contexts, BASE_ALLOCATION);
        OptionalInt bitmap = dirtyBitmap == null ? OptionalInt.empty() : idOf(contexts, QEMU_DIRTY_BITMAP_PREFIX + dirtyBitmap);
        if (dirtyBitmap != null && bitmap.isEmpty()) {
            throw noBitmap("");
        }
        return go(noZeroes, true, allocation, bitmap);
    }

    private void startTls() throws IOException {
        stage = "asking for TLS (NBD_OPT_STARTTLS)";
        sendOption(NBD_OPT_STARTTLS, new byte[0]);
        OptionReply reply = receiveReply(NBD_OPT_STARTTLS);
        if (reply.type() != NBD_REP_ACK) {
            // Continuing in clear would be a downgrade the admin did not ask for.
            throw new SourceException("The NBD server " + uri + " does not offer TLS (it answered NBD_OPT_STARTTLS with "
                    + replyName(reply.type()) + reply.said() + "), but the nbds:// URI requires it. Configure TLS on the"
                    + " server (qemu-nbd --tls-creds), or use nbd:// on a trusted network.");
        }
        stage = "in the TLS handshake";
        link = link.upgradeToTls(uri, tls, timeouts);
        awaitingFirstTlsReply = true;
    }

    private boolean structuredReplies() throws IOException {
        stage = "asking for structured replies (NBD_OPT_STRUCTURED_REPLY)";
        sendOption(NBD_OPT_STRUCTURED_REPLY, new byte[0]);
        OptionReply reply = receiveReply(NBD_OPT_STRUCTURED_REPLY);
        if (reply.type() == NBD_REP_ACK) {
            return true;
        }
        if (reply.type() == NBD_REP_ERR_UNSUP) {
            return false;
        }
        throw refused(NBD_OPT_STRUCTURED_REPLY, reply);
    }

    private record MetaContext(int id, String name) {
    }

    private List<MetaContext> setMetaContexts() throws IOException {
        stage = "selecting metadata contexts (NBD_OPT_SET_META_CONTEXT)";
        List<String> queries = new ArrayList<>(List.of(BASE_ALLOCATION));
        if (dirtyBitmap != null) {
            queries.add(QEMU_DIRTY_BITMAP_PREFIX + dirtyBitmap);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(bytes);
        writeString(data, uri.exportName());
        data.writeInt(queries.size());
        for (String query : queries) {
            writeString(data, query);
        }
        sendOption(NBD_OPT_SET_META_CONTEXT, bytes.toByteArray());

        List<MetaContext> contexts = new ArrayList<>();
        while (true) {
            OptionReply reply = receiveReply(NBD_OPT_SET_META_CONTEXT);
            if (reply.type() == NBD_REP_ACK) {
                return contexts;
            }
            if (reply.type() == NBD_REP_ERR_UNSUP) {
                return List.of();
            }
            if (reply.isError()) {
                throw refused(NBD_OPT_SET_META_CONTEXT, reply);
            }
            if (reply.type() != NBD_REP_META_CONTEXT || reply.data().length < 4) {
                throw new ProtocolViolation("it answered NBD_OPT_SET_META_CONTEXT with " + replyName(reply.type()));
            }
            ByteBuffer payload = ByteBuffer.wrap(reply.data());
            int id = payload.getInt();
            contexts.add(new MetaContext(id, StandardCharsets.UTF_8.decode(payload).toString()));
        }
    }

    private static OptionalInt idOf(List<MetaContext> contexts, String name) {
        return contexts.stream().filter(c -> c.name().equals(name)).mapToInt(MetaContext::id).findFirst();
    }

    private Negotiated go(boolean noZeroes, boolean structuredReplies, OptionalInt allocation, OptionalInt bitmap)
            throws IOException {
        stage = "opening the export (NBD_OPT_GO)";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(bytes);
        writeString(data, uri.exportName());
        // Asking for NBD_INFO_BLOCK_SIZE promises to honour the answer, which NbdClient does.
        data.writeShort(2);
        data.writeShort(NBD_INFO_EXPORT);
        data.writeShort(NBD_INFO_BLOCK_SIZE);
        sendOption(NBD_OPT_GO, bytes.toByteArray());

        long size = -1;
        BlockSizes blockSizes = BlockSizes.DEFAULT;
        while (true) {
            OptionReply reply = receiveReply(NBD_OPT_GO);
            if (reply.type() == NBD_REP_ACK) {
                if (size < 0) {
                    throw new ProtocolViolation("it accepted NBD_OPT_GO without sending NBD_INFO_EXPORT");
                }
                return new Negotiated(link, size, blockSizes, structuredReplies, allocation, bitmap);
            }
            if (reply.type() == NBD_REP_ERR_UNSUP) {
                return exportName(noZeroes, structuredReplies, allocation, bitmap);
            }
            if (reply.isError()) {
                throw refused(NBD_OPT_GO, reply);
            }
            if (reply.type() != NBD_REP_INFO || reply.data().length < 2) {
                throw new ProtocolViolation("it answered NBD_OPT_GO with " + replyName(reply.type()));
            }
            ByteBuffer info = ByteBuffer.wrap(reply.data());
            short type = info.getShort();
            if (type == NBD_INFO_EXPORT) {
                if (reply.data().length != 12) {
                    throw new ProtocolViolation("its NBD_INFO_EXPORT is " + reply.data().length + " bytes, not 12");
                }
                size = exportSize(info.getLong());
            } else if (type == NBD_INFO_BLOCK_SIZE) {
                if (reply.data().length != 14) {
                    throw new ProtocolViolation("its NBD_INFO_BLOCK_SIZE is " + reply.data().length + " bytes, not 14");
                }
                blockSizes = BlockSizes.fromWire(info.getInt(), info.getInt(), info.getInt());
            }
            // Other information types (name, description) are ignored, as the spec asks.
        }
    }

    /**
     * The fallback for servers without NBD_OPT_GO. Metadata contexts selected for the same export
     * name stay valid; block sizes stay the defaults, since such a server cannot state any.
     */
    private Negotiated exportName(boolean noZeroes, boolean structuredReplies, OptionalInt allocation, OptionalInt bitmap)
            throws IOException {
        // The option cannot be refused with a reply: a server without the export just hangs up.
        stage = "opening the export '" + uri.exportName() + "' with NBD_OPT_EXPORT_NAME (a server closes the connection"
                + " here when it has no such export)";
        sendOption(NBD_OPT_EXPORT_NAME, uri.exportName().getBytes(StandardCharsets.UTF_8));
        long size = exportSize(link.in.readLong());
        link.in.readUnsignedShort();
        if (!noZeroes) {
            link.in.skipNBytes(EXPORT_NAME_ZEROES);
        }
        return new Negotiated(link, size, BlockSizes.DEFAULT, structuredReplies, allocation, bitmap);
    }

    private static long exportSize(long size) throws ProtocolViolation {
        if (size < 0) {
            throw new ProtocolViolation("it announced an export of more than 2^63 bytes");
        }
        return size;
    }

    private void requireNoBitmap(String why) throws SourceException {
        if (dirtyBitmap != null) {
            throw noBitmap(" (" + why + ")");
        }
    }

    private SourceException noBitmap(String why) {
        return new SourceException("The NBD export " + uri + " has no dirty bitmap named '" + dirtyBitmap + "'" + why
                + ". Export it with qemu-nbd -B " + dirtyBitmap + ", or run a full backup.");
    }

    private SourceException refused(int option, OptionReply reply) {
        String said = reply.said();
        String message = switch (reply.type()) {
            case NbdProtocol.NBD_REP_ERR_UNKNOWN ->
                    "The NBD server " + uri + " has no export named '" + uri.exportName() + "'" + said + ".";
            case NbdProtocol.NBD_REP_ERR_TLS_REQD -> "The NBD server " + uri
                    + " requires TLS: use an nbds:// URI and give the CA certificate" + said + ".";
            case NbdProtocol.NBD_REP_ERR_POLICY -> "The NBD server " + uri + " refused " + optionName(option)
                    + " by its policy" + said + "; check its access rules (for qemu-nbd, --tls-authz).";
            case NbdProtocol.NBD_REP_ERR_SHUTDOWN -> "The NBD server " + uri + " is shutting down" + said
                    + "; run the backup again once it is back.";
            default -> "The NBD server " + uri + " refused " + optionName(option) + " with " + replyName(reply.type()) + said + ".";
        };
        return new SourceException(message);
    }

    private void sendOption(int option, byte[] data) throws IOException {
        link.out.writeLong(IHAVEOPT);
        link.out.writeInt(option);
        link.out.writeInt(data.length);
        link.out.write(data);
        link.out.flush();
    }

    private OptionReply receiveReply(int option) throws IOException {
        if (link.in.readLong() != NBD_REP_MAGIC) {
            throw new ProtocolViolation("an option reply does not start with the reply magic");
        }
        int repliedTo = link.in.readInt();
        if (repliedTo != option) {
            throw new ProtocolViolation("it answered " + optionName(repliedTo) + " when asked " + optionName(option));
        }
        int type = link.in.readInt();
        int length = link.in.readInt();
        if (length < 0 || length > MAX_OPTION_REPLY) {
            throw new ProtocolViolation("an option reply claims " + Integer.toUnsignedString(length) + " bytes");
        }
        byte[] data = new byte[length];
        link.in.readFully(data);
        awaitingFirstTlsReply = false;
        return new OptionReply(type, data);
    }

    /** Ends negotiation the way the spec asks a client to (a soft disconnect), then closes. */
    private void abortQuietly() {
        try {
            sendOption(NBD_OPT_ABORT, new byte[0]);
        } catch (IOException e) {
            // The server may be gone already; the connection is closed below either way.
        }
        link.close();
    }

    private static void writeString(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }
}
