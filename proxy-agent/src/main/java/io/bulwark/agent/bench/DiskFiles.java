package io.bulwark.agent.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** File work the benchmark does between its timed steps: copies, comparisons, sizes, cache warming. */
final class DiskFiles {
    private static final int BLOCK = SyntheticDisk.BLOCK;

    private DiskFiles() {
    }

    /**
     * Reads every file once, so that the timed step after it reads from the page cache, as the
     * goals assume, whoever ran before it.
     */
    static void warm(List<Path> paths) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(BLOCK);
        for (Path path : paths) {
            if (!Files.exists(path)) {
                continue; // a cache the program has not made (yet)
            }
            for (Path file : regularFiles(path)) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                    while (channel.read(buffer.clear()) >= 0) {
                        // reading is the point
                    }
                }
            }
        }
    }

    /** Copies a disk image, leaving holes where it has zero blocks, as a thin-provisioned disk would. */
    static void sparseCopy(Path source, Path target) throws IOException {
        byte[] block = new byte[BLOCK];
        byte[] zeroes = new byte[BLOCK];
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
             RandomAccessFile file = new RandomAccessFile(target.toFile(), "rw")) {
            long size = in.size();
            // Growing a file with ftruncate allocates nothing: it starts as one hole.
            file.setLength(0);
            file.setLength(size);
            for (long offset = 0; offset < size; offset += BLOCK) {
                int length = (int) Math.min(BLOCK, size - offset);
                readFully(in, block, length, offset);
                if (Arrays.mismatch(block, 0, length, zeroes, 0, length) >= 0) {
                    writeFully(file.getChannel(), block, length, offset);
                }
            }
        }
    }

    /** Writes the given 1 MiB blocks of {@code from} over the same blocks of {@code to}, in place. */
    static void copyBlocks(Path from, Path to, List<Long> blocks) throws IOException {
        byte[] block = new byte[BLOCK];
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(to, StandardOpenOption.WRITE)) {
            for (long number : blocks) {
                long offset = number * BLOCK;
                int length = (int) Math.min(BLOCK, in.size() - offset);
                readFully(in, block, length, offset);
                writeFully(out, block, length, offset);
            }
        }
    }

    /** Writes one 1 MiB block of {@code from} to a file of its own. */
    static void extractBlock(Path from, long number, Path to) throws IOException {
        byte[] block = new byte[BLOCK];
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ)) {
            long offset = number * BLOCK;
            int length = (int) Math.min(BLOCK, in.size() - offset);
            readFully(in, block, length, offset);
            Files.write(to, Arrays.copyOf(block, length));
        }
    }

    /** Where two files differ, in words, or empty when they hold the same bytes. */
    static Optional<String> difference(Path expected, Path actual) throws IOException {
        long at = Files.mismatch(expected, actual);
        if (at < 0) {
            return Optional.empty();
        }
        long expectedSize = Files.size(expected);
        long actualSize = Files.size(actual);
        if (at == Math.min(expectedSize, actualSize) && expectedSize != actualSize) {
            return Optional.of(actual + " is " + actualSize + " bytes long, " + expected + " " + expectedSize);
        }
        return Optional.of(actual + " differs from " + expected + " from byte " + at + " (block " + at / BLOCK + ")");
    }

    /** The bytes of all regular files under {@code path}: {@code du -sb}, less the directories' own size. */
    static long apparentSize(Path path) throws IOException {
        long total = 0;
        for (Path file : regularFiles(path)) {
            total += Files.size(file);
        }
        return total;
    }

    /** The one regular file under {@code directory}, wherever a restore put it. */
    static Path onlyFile(Path directory) throws IOException, StepFailedException {
        List<Path> files = regularFiles(directory);
        if (files.size() != 1) {
            throw new StepFailedException("Expected the restore to write one file under " + directory + ", found "
                    + files.size() + ": " + files);
        }
        return files.getFirst();
    }

    static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path entry : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(entry);
            }
        }
    }

    private static List<Path> regularFiles(Path path) throws IOException {
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static void readFully(FileChannel channel, byte[] buffer, int length, long offset) throws IOException {
        ByteBuffer target = ByteBuffer.wrap(buffer, 0, length);
        while (target.hasRemaining()) {
            if (channel.read(target, offset + target.position()) < 0) {
                throw new IOException("Unexpected end of file at byte " + (offset + target.position()));
            }
        }
    }

    private static void writeFully(FileChannel channel, byte[] buffer, int length, long offset) throws IOException {
        ByteBuffer source = ByteBuffer.wrap(buffer, 0, length);
        while (source.hasRemaining()) {
            channel.write(source, offset + source.position());
        }
    }
}
