package io.bulwark.agent.repository;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The one way files reach their place in a repository: written in {@code tmp/}, forced to disk,
 * renamed into place, and the directory forced too. A reader therefore sees a whole file or none,
 * and a file that is there survives a crash or a power cut.
 */
public final class Durable {
    private Durable() {
    }

    /** Moves a finished, forced file from {@code tmp/} to {@code target} and makes the move durable. */
    public static void publish(Path temporary, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        forceDirectory(target.getParent());
    }

    /** Writes {@code content} to {@code target} through {@code tmp}, durably. */
    public static void write(Path tmp, Path target, byte[] content) throws IOException {
        Path temporary = Files.createTempFile(tmp, target.getFileName().toString(), ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        publish(temporary, target);
    }

    public static void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
