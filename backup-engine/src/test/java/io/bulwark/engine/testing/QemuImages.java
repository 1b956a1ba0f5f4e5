package io.bulwark.engine.testing;

import io.bulwark.protocol.ApiJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real disk images for the tests, made and written with qemu-img and qemu-io; and a "running VM" that holds one. */
public final class QemuImages {
    private QemuImages() {
    }

    public static Path create(Path file, String format, String size, String... bitmaps) throws IOException {
        Files.createDirectories(file.getParent());
        run("qemu-img", "create", "-q", "-f", format, file.toString(), size);
        for (String bitmap : bitmaps) {
            run("qemu-img", "bitmap", "--add", file.toString(), bitmap);
        }
        return file;
    }

    /** A libvirt domain XML naming the VM and its disks: target dev → image file. */
    public static Path domainXml(Path file, String name, List<String[]> disks) throws IOException {
        StringBuilder xml = new StringBuilder("<domain type='kvm'>\n  <name>").append(name).append("</name>\n  <devices>\n");
        for (String[] disk : disks) {
            xml.append("    <disk type='file' device='disk'>\n      <source file='").append(disk[1])
                    .append("'/>\n      <target dev='").append(disk[0]).append("' bus='virtio'/>\n    </disk>\n");
        }
        xml.append("  </devices>\n</domain>\n");
        return Files.writeString(file, xml);
    }

    /**
     * Holds the image as a running VM does: qemu-nbd serves it writable, so it takes qemu's write lock
     * and keeps the file open for writing. Close it to "stop the VM".
     */
    public static AutoCloseable running(Path image, String format) throws IOException {
        Path socket = Files.createTempDirectory("bulwark-nbd").resolve("nbd.sock");
        Process nbd = new ProcessBuilder("qemu-nbd", "-f", format, "--socket=" + socket, "--persistent",
                image.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!Files.exists(socket)) {
            if (!nbd.isAlive() || Instant.now().isAfter(deadline)) {
                nbd.destroyForcibly();
                throw new IllegalStateException("qemu-nbd did not start on " + image);
            }
            pause();
        }
        return () -> {
            nbd.destroy();
            if (!nbd.waitFor(10, TimeUnit.SECONDS)) {
                nbd.destroyForcibly();
            }
            Files.deleteIfExists(socket);
            Files.deleteIfExists(socket.getParent());
        };
    }

    /** Writes {@code length} bytes of {@code pattern} at {@code offset} into the guest's view of a qcow2 image. */
    public static void write(Path image, int pattern, String offset, String length) throws IOException {
        // The engine's inventory scan may hold the image's lock for a moment (qemu-img info): a few tries.
        for (int attempt = 1; ; attempt++) {
            try {
                run("qemu-io", "-f", "qcow2", "-c", "write -P " + pattern + " " + offset + " " + length,
                        image.toString());
                return;
            } catch (IllegalStateException e) {
                if (attempt == 20 || !e.getMessage().contains("lock")) {
                    throw e;
                }
                pause();
            }
        }
    }

    /** The names of a qcow2 image's persistent dirty bitmaps. */
    public static List<String> bitmaps(Path image) throws IOException {
        List<String> names = new ArrayList<>();
        ApiJson.mapper().readTree(run("qemu-img", "info", "--output=json", image.toString()))
                .path("format-specific").path("data").path("bitmaps").forEach(b -> names.add(b.path("name").asText()));
        return names;
    }

    /** Whether two images hold the same guest-visible content, whatever their formats ({@code qemu-img compare}). */
    public static boolean identical(Path a, Path b) throws IOException {
        Process process = new ProcessBuilder("qemu-img", "compare", "-q", a.toString(), b.toString())
                .redirectErrorStream(true).start();
        try {
            process.getInputStream().readAllBytes();
            return process.waitFor() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs a command to its end and answers its output, or throws with the output when it fails. */
    private static String run(String... command) throws IOException {
        List<String> words = new ArrayList<>(List.of(command));
        Process process = new ProcessBuilder(words).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", words) + " failed: " + output);
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
