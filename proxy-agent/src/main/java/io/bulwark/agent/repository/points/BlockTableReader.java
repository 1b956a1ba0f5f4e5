package io.bulwark.agent.repository.points;

import io.bulwark.agent.blocks.Fingerprint;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;

/**
 * Reads a point's block tables in order from any record on, authenticating each segment. A
 * damaged, cut or reordered table fails with {@link DamagedTableException} rather than yielding a
 * wrong fingerprint. One thread at a time.
 */
public final class BlockTableReader implements AutoCloseable {
    private final FileChannel channel;
    private final SecretKey key;
    private final PointId id;
    private final Path file;
    private final long totalRecords;
    private final long lastSegment;
    private final byte[] noncePrefix = new byte[8];
    private final byte[] sealed = new byte[PointFormat.SEGMENT_BYTES];
    private final ByteBuffer plain = ByteBuffer.allocate(PointFormat.SEGMENT_PLAIN_BYTES);
    private long nextRecord;
    private long loadedSegment = -1;

    public BlockTableReader(Path file, SecretKey key, PointId id, long totalRecords) throws IOException {
        this.file = file;
        this.key = key;
        this.id = id;
        this.totalRecords = totalRecords;
        this.lastSegment = totalRecords == 0 ? 0 : (totalRecords - 1) / PointFormat.RECORDS_PER_SEGMENT;
        try {
            this.channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new DamagedTableException(file, "the block table file is missing");
        }
        ByteBuffer header = ByteBuffer.allocate(PointFormat.BLOCKS_HEADER_BYTES);
        readFully(header, 0);
        byte[] magic = new byte[8];
        byte[] pointId = new byte[16];
        header.flip().get(magic).get(pointId).get(noncePrefix);
        long lastPlain = (totalRecords - lastSegment * PointFormat.RECORDS_PER_SEGMENT) * PointFormat.RECORD_BYTES;
        long expectedSize = PointFormat.BLOCKS_HEADER_BYTES + lastSegment * PointFormat.SEGMENT_BYTES + lastPlain
                + PointFormat.TAG_BYTES;
        if (!Arrays.equals(magic, PointFormat.BLOCKS_MAGIC) || !Arrays.equals(pointId, id.bytes())
                || channel.size() != expectedSize) {
            channel.close();
            throw new DamagedTableException(file, "its header or length is not that of restore point " + id.shortForm());
        }
    }

    /** Moves to a record, for example the first of a disk. */
    public void seek(long record) {
        nextRecord = record;
    }

    public boolean hasNext() {
        return nextRecord < totalRecords;
    }

    public Fingerprint next() throws IOException {
        if (!hasNext()) {
            throw new EOFException("past the end of the block table");
        }
        long segment = nextRecord / PointFormat.RECORDS_PER_SEGMENT;
        if (segment != loadedSegment) {
            load(segment);
        }
        int offset = (int) (nextRecord % PointFormat.RECORDS_PER_SEGMENT) * PointFormat.RECORD_BYTES;
        nextRecord++;
        return Fingerprint.of(plain.array(), offset);
    }

    private void load(long segment) throws IOException {
        boolean last = segment == lastSegment;
        int plainLength = last
                ? (int) (totalRecords - segment * PointFormat.RECORDS_PER_SEGMENT) * PointFormat.RECORD_BYTES
                : PointFormat.SEGMENT_PLAIN_BYTES;
        ByteBuffer view = ByteBuffer.wrap(sealed, 0, plainLength + PointFormat.TAG_BYTES);
        readFully(view, PointFormat.BLOCKS_HEADER_BYTES + segment * PointFormat.SEGMENT_BYTES);
        try {
            Cipher cipher = PointFormat.segmentCipher(Cipher.DECRYPT_MODE, key, noncePrefix, id, segment, last);
            cipher.doFinal(sealed, 0, view.limit(), plain.array(), 0);
        } catch (GeneralSecurityException e) {
            throw new DamagedTableException(file, "segment " + segment + " fails authentication");
        }
        loadedSegment = segment;
    }

    private void readFully(ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new DamagedTableException(file, "it ends early");
            }
            at += read;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** A block table cannot be trusted. */
    public static final class DamagedTableException extends IOException {
        public DamagedTableException(Path file, String reason) {
            super("The block table " + file.getFileName() + " is damaged: " + reason + ".");
        }
    }
}
