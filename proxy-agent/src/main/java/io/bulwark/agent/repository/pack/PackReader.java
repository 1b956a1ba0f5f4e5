package io.bulwark.agent.repository.pack;

import io.bulwark.agent.blocks.Codec;
import io.bulwark.agent.blocks.Fingerprint;
import io.bulwark.agent.repository.RepositoryLayout;
import io.bulwark.agent.repository.index.IndexEntry;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads stored blobs out of packs by their index entries, keeping recently used packs open.
 * Thread-safe: positional reads share the open channels.
 */
public final class PackReader implements AutoCloseable {
    private static final int OPEN_PACKS = 64;

    /**
     * A record as read from a pack: its header, checked against the index, and where its stored
     * bytes are in the buffer the caller passed (or a larger one made for it).
     */
    public record StoredRecord(Fingerprint fingerprint, Codec codec, int rawLength, byte[] buffer, int storedOffset,
                               int storedLength) {
    }

    private final RepositoryLayout layout;
    private final Map<PackId, FileChannel> open = new LinkedHashMap<>(OPEN_PACKS, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PackId, FileChannel> eldest) {
            if (size() > OPEN_PACKS) {
                closeQuietly(eldest.getValue());
                return true;
            }
            return false;
        }
    };

    public PackReader(RepositoryLayout layout) {
        this.layout = layout;
    }

    /**
     * Reads the record an index entry points at into {@code buffer} (grown when too small).
     *
     * @throws PackDamagedException when the record is missing, short, or not the one the index names
     */
    public StoredRecord read(IndexEntry entry, byte[] buffer) throws IOException, PackDamagedException {
        int total = PackFormat.RECORD_HEADER_BYTES + entry.storedLength();
        byte[] target = buffer.length >= total ? buffer : new byte[total];
        ByteBuffer view = ByteBuffer.wrap(target, 0, total);
        FileChannel channel = channel(entry.pack());
        long position = entry.offset();
        try {
            while (view.hasRemaining()) {
                if (channel.read(view, position + view.position()) < 0) {
                    throw new EOFException();
                }
            }
        } catch (EOFException e) {
            throw new PackDamagedException(entry, "the pack ends before the record does");
        }
        ByteBuffer header = ByteBuffer.wrap(target, 0, PackFormat.RECORD_HEADER_BYTES);
        Fingerprint fingerprint = Fingerprint.read(header);
        int codecCode = header.get() & 0xff;
        header.position(header.position() + 3);
        int rawLength = header.getInt();
        int storedLength = header.getInt();
        if (!fingerprint.equals(entry.fingerprint()) || rawLength != entry.rawLength()
                || storedLength != entry.storedLength()) {
            throw new PackDamagedException(entry, "the record header does not match the index");
        }
        Codec codec;
        try {
            codec = Codec.of(codecCode);
        } catch (IllegalArgumentException e) {
            throw new PackDamagedException(entry, "the record names an unknown codec " + codecCode);
        }
        return new StoredRecord(fingerprint, codec, rawLength, target, PackFormat.RECORD_HEADER_BYTES, storedLength);
    }

    private synchronized FileChannel channel(PackId pack) throws IOException, PackDamagedException {
        FileChannel channel = open.get(pack);
        if (channel == null) {
            try {
                channel = FileChannel.open(layout.pack(pack), StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                throw new PackDamagedException(pack, "the pack file is missing");
            }
            open.put(pack, channel);
        }
        return channel;
    }

    @Override
    public synchronized void close() {
        open.values().forEach(PackReader::closeQuietly);
        open.clear();
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // read-only; nothing to lose
        }
    }

    /** A pack does not hold what the index says it holds. */
    public static final class PackDamagedException extends Exception {
        private final PackId pack;

        PackDamagedException(IndexEntry entry, String reason) {
            super("pack " + entry.pack() + " at offset " + entry.offset() + ": " + reason);
            this.pack = entry.pack();
        }

        PackDamagedException(PackId pack, String reason) {
            super("pack " + pack + ": " + reason);
            this.pack = pack;
        }

        public PackId pack() {
            return pack;
        }
    }
}
