package io.bulwark.agent.repository.points;

import io.bulwark.agent.blocks.Fingerprint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;

/**
 * Writes a point's block tables as they are made, one record per block in disk order, into a
 * file in {@code tmp/}. Memory stays at one segment whatever the disk size. One thread at a time.
 */
public final class BlockTableWriter implements AutoCloseable {
    private final FileChannel channel;
    private final SecretKey key;
    private final PointId id;
    private final byte[] noncePrefix = new byte[8];
    private final ByteBuffer segment = ByteBuffer.allocate(PointFormat.SEGMENT_PLAIN_BYTES);
    private final byte[] sealed = new byte[PointFormat.SEGMENT_BYTES];
    private long segmentNumber;
    private long records;
    private boolean closed;

    public BlockTableWriter(Path file, SecretKey key, PointId id) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        this.key = key;
        this.id = id;
        new SecureRandom().nextBytes(noncePrefix);
        write(ByteBuffer.allocate(PointFormat.BLOCKS_HEADER_BYTES).put(PointFormat.BLOCKS_MAGIC).put(id.bytes())
                .put(noncePrefix).flip());
    }

    public void append(Fingerprint fingerprint) throws IOException {
        if (!segment.hasRemaining()) {
            flush(false);
        }
        fingerprint.write(segment);
        records++;
    }

    public long records() {
        return records;
    }

    /** Seals the last segment and forces the file to disk. */
    public void finish() throws IOException {
        flush(true);
        channel.force(true);
        channel.close();
        closed = true;
    }

    private void flush(boolean last) throws IOException {
        try {
            Cipher cipher = PointFormat.segmentCipher(Cipher.ENCRYPT_MODE, key, noncePrefix, id, segmentNumber++, last);
            int length = cipher.doFinal(segment.array(), 0, segment.position(), sealed, 0);
            write(ByteBuffer.wrap(sealed, 0, length));
            segment.clear();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt a block table segment", e);
        }
    }

    private void write(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            channel.close();
        }
    }
}
