package io.bulwark.agent.repository.pack;

import io.bulwark.agent.blocks.SealedBlob;
import io.bulwark.agent.repository.Durable;
import io.bulwark.agent.repository.RepositoryLayout;
import io.bulwark.agent.repository.index.IndexEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** Appends sealed blobs to a new pack in {@code tmp/}, then publishes it durably. One thread at a time. */
public final class PackWriter implements AutoCloseable {
    private final RepositoryLayout layout;
    private final PackId id;
    private final Path temporary;
    private final FileChannel channel;
    private final List<IndexEntry> entries = new ArrayList<>();
    private final ByteBuffer recordHeader = ByteBuffer.allocate(PackFormat.RECORD_HEADER_BYTES);
    private long size;
    private boolean finished;

    private PackWriter(RepositoryLayout layout, PackId id, Path temporary, FileChannel channel) {
        this.layout = layout;
        this.id = id;
        this.temporary = temporary;
        this.channel = channel;
    }

    public static PackWriter create(RepositoryLayout layout) throws IOException {
        PackId id = PackId.random();
        Path temporary = layout.tmp().resolve(id + ".pack");
        FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        PackWriter writer = new PackWriter(layout, id, temporary, channel);
        ByteBuffer header = ByteBuffer.allocate(PackFormat.HEADER_BYTES).put(PackFormat.MAGIC);
        id.write(header);
        writer.writeFully(header.clear());
        return writer;
    }

    public IndexEntry append(SealedBlob blob) throws IOException {
        long offset = size;
        recordHeader.clear();
        blob.fingerprint().write(recordHeader);
        recordHeader.put((byte) blob.codec().code()).put((byte) 0).put((byte) 0).put((byte) 0)
                .putInt(blob.rawLength()).putInt(blob.storedLength());
        writeFully(recordHeader.flip());
        writeFully(ByteBuffer.wrap(blob.stored(), 0, blob.storedLength()));
        IndexEntry entry = new IndexEntry(blob.fingerprint(), id, offset, blob.storedLength(), blob.rawLength());
        entries.add(entry);
        return entry;
    }

    public long size() {
        return size;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Forces the pack to disk and moves it into {@code packs/}; returns what it holds. */
    public List<IndexEntry> finish() throws IOException {
        channel.force(true);
        channel.close();
        Durable.publish(temporary, layout.pack(id));
        finished = true;
        return List.copyOf(entries);
    }

    /** Drops an unfinished pack. */
    @Override
    public void close() throws IOException {
        if (!finished) {
            channel.close();
            Files.deleteIfExists(temporary);
        }
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            size += channel.write(buffer);
        }
    }
}
