package io.bulwark.agent.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Disk images with known content, made with qemu's own tools so that what the NBD server serves
 * is what a hypervisor would have written.
 *
 * <pre>{@code
 * Path disk = DiskImages.createQcow2(dir.resolve("disk.qcow2"), 64 << 20);
 * DiskImages.qemuIo(disk, "qcow2", "write -P 0x5a 0 1M", "write -z 4M 1M");
 * DiskImages.addBitmap(disk, "backup-1");             // changes from now on are tracked
 * DiskImages.qemuIo(disk, "qcow2", "write -P 0x11 8M 64k");
 * }</pre>
 */
public final class DiskImages {
    private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(2);

    private DiskImages() {
    }

    /** A new, empty (all unallocated) qcow2 image of {@code size} bytes. */
    public static Path createQcow2(Path image, long size) {
        Processes.run(TOOL_TIMEOUT, List.of(Tools.require("qemu-img", Tools.QEMU_PACKAGE).toString(), "create", "-q",
                "-f", "qcow2", image.toString(), Long.toString(size)));
        return image;
    }

    /** A new raw file of {@code size} bytes, all of it a hole. */
    public static Path createSparseRaw(Path file, long size) {
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            // Growing a file with ftruncate allocates nothing.
            raw.setLength(size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * Runs qemu-io commands on the image, in order, such as {@code "write -P 0x5a 0 1M"} (a
     * pattern), {@code "write -z 4M 1M"} (zeroes, which qcow2 records without data) or
     * {@code "discard 0 64k"}; see {@code qemu-io -c help}.
     */
    public static void qemuIo(Path image, String format, String... commands) {
        List<String> command = new ArrayList<>(List.of(Tools.require("qemu-io", Tools.QEMU_PACKAGE).toString(), "-f", format));
        for (String c : commands) {
            command.add("-c");
            command.add(c);
        }
        command.add(image.toString());
        String output = Processes.run(TOOL_TIMEOUT, command);
        // qemu-io reports a failed command on its output but still exits 0.
        if (output.contains("failed") || output.contains("not found")) {
            throw new IllegalStateException("qemu-io " + String.join(" ", commands) + " on " + image + " failed:\n" + output);
        }
    }

    /**
     * Adds a persistent dirty bitmap to a qcow2 image: every write after this (through qemu-io
     * or qemu-nbd) marks its clusters dirty, at the bitmap's granularity (64 KiB by default).
     */
    public static void addBitmap(Path image, String name) {
        Processes.run(TOOL_TIMEOUT, List.of(Tools.require("qemu-img", Tools.QEMU_PACKAGE).toString(), "bitmap", "--add",
                image.toString(), name));
    }

    /** Writes {@code data} at {@code offset} of a raw file, leaving the rest as it is (holes stay holes). */
    public static void writeRaw(Path file, long offset, byte[] data) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(data);
            while (buffer.hasRemaining()) {
                channel.write(buffer, offset + buffer.position());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
