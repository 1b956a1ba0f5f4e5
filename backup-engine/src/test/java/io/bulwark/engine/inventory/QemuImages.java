package io.bulwark.engine.inventory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real disk images for the inventory tests, made with qemu-img; and a "running VM" that holds one. */
final class QemuImages {
    private QemuImages() {
    }

    static Path create(Path file, String format, String size, String... bitmaps) throws IOException {
        Files.createDirectories(file.getParent());
        run("qemu-img", "create", "-q", "-f", format, file.toString(), size);
        for (String bitmap : bitmaps) {
            run("qemu-img", "bitmap", "--add", file.toString(), bitmap);
        }
        return file;
    }

    /** A libvirt domain XML naming the VM and its disks: target dev → image file. */
    static Path domainXml(Path file, String name, List<String[]> disks) throws IOException {
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
    static AutoCloseable running(Path image, String format) throws IOException {
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

    private static void run(String... command) throws IOException {
        List<String> words = new ArrayList<>(List.of(command));
        Process process = new ProcessBuilder(words).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", words) + " failed: " + output);
            }
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
