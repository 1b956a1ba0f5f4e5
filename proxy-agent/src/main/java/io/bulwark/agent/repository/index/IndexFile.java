package io.bulwark.agent.repository.index;

import io.bulwark.agent.blocks.Fingerprint;
import io.bulwark.agent.repository.pack.PackId;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * An index file, version 1 ({@code index/<name>.idx}): where blocks are, sorted by fingerprint,
 * immutable once written.
 * <pre>
 * header   32 bytes  "BWINDX01" | entry count (u64) | reserved (16, zero)
 * entries  64 bytes  fingerprint (32) | pack id (16) | record offset (u64) | stored length (u32) | raw length (u32)
 * trailer  32 bytes  SHA-256 of header and entries
 * </pre>
 * Lookups search the file memory-mapped, so a repository of ten million blocks (640 MB of index)
 * costs page cache, not heap. The mapping lives as long as the object: a merged-away file stays
 * searchable by whoever still holds it, and is unmapped once nobody does.
 */
public final class IndexFile {
    static final byte[] MAGIC = "BWINDX01".getBytes(StandardCharsets.US_ASCII);
    static final int HEADER_BYTES = 32;
    static final int ENTRY_BYTES = 64;
    static final int TRAILER_BYTES = 32;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private final Path path;
    private final MemorySegment segment;
    private final long count;

    private IndexFile(Path path, MemorySegment segment, long count) {
        this.path = path;
        this.segment = segment;
        this.count = count;
    }

    /**
     * Writes {@code count} entries, which must come in fingerprint order without repeats, to a new
     * file at {@code target} and forces it to disk. The caller publishes it.
     */
    public static void write(Path target, long count, Iterator<IndexEntry> sorted) throws IOException {
        MessageDigest sha256 = sha256();
        try (OutputStream file = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW);
             DigestOutputStream out = new DigestOutputStream(new BufferedOutputStream(file, 1 << 16), sha256)) {
            ByteBuffer buffer = ByteBuffer.allocate(ENTRY_BYTES);
            out.write(ByteBuffer.allocate(HEADER_BYTES).put(MAGIC).putLong(count).array());
            Fingerprint previous = null;
            long written = 0;
            while (sorted.hasNext()) {
                IndexEntry entry = sorted.next();
                if (previous != null && previous.compareTo(entry.fingerprint()) >= 0) {
                    throw new IllegalArgumentException("index entries out of order at " + entry.fingerprint());
                }
                previous = entry.fingerprint();
                buffer.clear();
                entry.fingerprint().write(buffer);
                entry.pack().write(buffer);
                buffer.putLong(entry.offset()).putInt(entry.storedLength()).putInt(entry.rawLength());
                out.write(buffer.array());
                written++;
            }
            if (written != count) {
                throw new IllegalArgumentException("announced " + count + " index entries, wrote " + written);
            }
            out.on(false);
            out.write(sha256.digest());
            out.flush();
        }
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Opens an index file for lookups; checks its header and size, not yet its checksum. */
    public static IndexFile open(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < HEADER_BYTES + TRAILER_BYTES) {
                throw new DamagedIndexException(path, "it is only " + size + " bytes long");
            }
            MemorySegment segment = channel.map(FileChannel.MapMode.READ_ONLY, 0, size, Arena.ofAuto());
            byte[] magic = segment.asSlice(0, MAGIC.length).toArray(ValueLayout.JAVA_BYTE);
            long count = segment.get(LONG, 8);
            if (!Arrays.equals(magic, MAGIC) || count < 0
                    || size != HEADER_BYTES + count * ENTRY_BYTES + TRAILER_BYTES) {
                throw new DamagedIndexException(path, "its header or size is wrong");
            }
            return new IndexFile(path, segment, count);
        }
    }

    public Path path() {
        return path;
    }

    public long count() {
        return count;
    }

    public Optional<IndexEntry> find(Fingerprint fingerprint) {
        long low = 0;
        long high = count - 1;
        while (low <= high) {
            long middle = (low + high) >>> 1;
            int order = compare(middle, fingerprint);
            if (order < 0) {
                low = middle + 1;
            } else if (order > 0) {
                high = middle - 1;
            } else {
                return Optional.of(entry(middle));
            }
        }
        return Optional.empty();
    }

    public IndexEntry entry(long position) {
        long base = HEADER_BYTES + position * ENTRY_BYTES;
        Fingerprint fingerprint = new Fingerprint(segment.get(LONG, base), segment.get(LONG, base + 8),
                segment.get(LONG, base + 16), segment.get(LONG, base + 24));
        PackId pack = new PackId(segment.get(LONG, base + 32), segment.get(LONG, base + 40));
        return new IndexEntry(fingerprint, pack, segment.get(LONG, base + 48), segment.get(INT, base + 56),
                segment.get(INT, base + 60));
    }

    /** The entries in fingerprint order. */
    public Iterator<IndexEntry> iterator() {
        return new Iterator<>() {
            private long next;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public IndexEntry next() {
                if (next >= count) {
                    throw new NoSuchElementException();
                }
                return entry(next++);
            }
        };
    }

    /** Reads the whole file and checks its checksum. */
    public void verifyChecksum() throws DamagedIndexException {
        MessageDigest sha256 = sha256();
        long body = HEADER_BYTES + count * ENTRY_BYTES;
        ByteBuffer chunk;
        for (long position = 0; position < body; position += 1 << 20) {
            chunk = segment.asSlice(position, Math.min(1 << 20, body - position)).asByteBuffer();
            sha256.update(chunk);
        }
        byte[] stored = segment.asSlice(body, TRAILER_BYTES).toArray(ValueLayout.JAVA_BYTE);
        if (!MessageDigest.isEqual(stored, sha256.digest())) {
            throw new DamagedIndexException(path, "its checksum does not match its content");
        }
    }

    private int compare(long position, Fingerprint fingerprint) {
        long base = HEADER_BYTES + position * ENTRY_BYTES;
        int order = Long.compareUnsigned(segment.get(LONG, base), fingerprint.a());
        if (order == 0) {
            order = Long.compareUnsigned(segment.get(LONG, base + 8), fingerprint.b());
        }
        if (order == 0) {
            order = Long.compareUnsigned(segment.get(LONG, base + 16), fingerprint.c());
        }
        return order != 0 ? order : Long.compareUnsigned(segment.get(LONG, base + 24), fingerprint.d());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An index file is not well-formed. */
    public static final class DamagedIndexException extends IOException {
        public DamagedIndexException(Path path, String reason) {
            super("The index file " + path + " is damaged: " + reason + ".");
        }
    }
}
