package io.bulwark.agent.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A raw disk image read directly from its file: direct storage access, or virtual appliance mode
 * where the proxy runs beside the datastore. Holes in the file (a thin-provisioned image) are
 * recorded as zeroes without a read; it knows nothing of changes, which the pipeline's
 * fingerprints find.
 */
public final class RawFileSource implements DiskSource {
    private final Path path;
    private final FileChannel channel;
    private final FileHoles holes;
    private final long size;

    private RawFileSource(Path path, FileChannel channel, FileHoles holes, long size) {
        this.path = path;
        this.channel = channel;
        this.holes = holes;
        this.size = size;
    }

    public static RawFileSource open(Path path) throws IOException {
        try {
            FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
            return new RawFileSource(path, channel, FileHoles.open(path), channel.size());
        } catch (NoSuchFileException e) {
            throw new SourceException("The source " + path + " does not exist.");
        }
    }

    @Override
    public String description() {
        return path.toString();
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public List<Extent> map(long offset, long length) throws IOException {
        return holes.map(offset, length, channel);
    }

    @Override
    public void read(long offset, byte[] buffer, int bufferOffset, int length) throws IOException {
        ByteBuffer target = ByteBuffer.wrap(buffer, bufferOffset, length);
        long position = offset;
        while (target.hasRemaining()) {
            int read = channel.read(target, position);
            if (read < 0) {
                throw new SourceException("The source " + path + " ended at byte " + position + ", before its size of "
                        + size + " bytes: it shrank while it was read. Nothing was committed; run the backup again.");
            }
            position += read;
        }
    }

    @Override
    public boolean tracksChanges() {
        return false;
    }

    @Override
    public void close() throws IOException {
        holes.close();
        channel.close();
    }
}
