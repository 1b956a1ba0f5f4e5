package io.bulwark.engine.datadir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Makes sure one engine at a time uses a data directory: two engines on one H2 file, one master
 * key and one set of sessions would corrupt each other. The lock belongs to the process and goes
 * away with it, even when the process is killed, so a crash never leaves a stale lock behind.
 */
public final class DataDirectoryLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static DataDirectoryLock acquire(DataDirectory directory) {
        Path file = directory.lockFile();
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException alreadyHeldHere) {
                lock = null;
            }
            if (lock == null) {
                String holder = Files.readString(file).strip();
                channel.close();
                throw new DataDirectoryInUseException("Another Bulwark engine"
                        + (holder.isEmpty() ? "" : " (process " + holder + ")")
                        + " is already using the data directory " + directory.root()
                        + ". Stop it first, or give this engine its own directory with --data-dir.");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)));
            channel.force(false);
            return new DataDirectoryLock(channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock the data directory through " + file, e);
        }
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
