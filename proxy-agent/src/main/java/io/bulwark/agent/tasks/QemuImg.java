package io.bulwark.agent.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.protocol.ApiJson;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a task asks of {@code qemu-img}: an image's format and persistent dirty bitmaps, adding
 * and removing them, and converting a restored raw disk to qcow2. Each call needs the image not to
 * be in use for writing; when a VM holds it, {@link ImageInUseException}.
 */
final class QemuImg {
    private static final Duration METADATA_TIMEOUT = Duration.ofMinutes(2);
    private static final int LOCK_RETRIES = 10;
    private static final Duration LOCK_RETRY_WAIT = Duration.ofMillis(300);
    private static final Duration CONVERT_TIMEOUT = Duration.ofHours(24);

    private final String program;

    QemuImg(String program) {
        this.program = program;
    }

    String program() {
        return program;
    }

    /** What qemu-img knows of an image. */
    record ImageInfo(String format, long virtualSize, List<String> bitmaps) {
    }

    ImageInfo info(Path image) throws IOException {
        ExternalCommand.Result result = run(image, List.of(program, "info", "--output=json", image.toString()),
                METADATA_TIMEOUT, false);
        JsonNode json = ApiJson.mapper().readTree(result.output());
        List<String> bitmaps = new ArrayList<>();
        for (JsonNode bitmap : json.path("format-specific").path("data").path("bitmaps")) {
            bitmaps.add(bitmap.path("name").asText());
        }
        return new ImageInfo(json.path("format").asText(), json.path("virtual-size").asLong(), List.copyOf(bitmaps));
    }

    /** Adds an enabled, persistent dirty bitmap: from now on it records every write to the image. */
    void addBitmap(Path image, String name) throws IOException {
        run(image, List.of(program, "bitmap", "--add", "--enable", image.toString(), name), METADATA_TIMEOUT, false);
    }

    void removeBitmap(Path image, String name) throws IOException {
        run(image, List.of(program, "bitmap", "--remove", image.toString(), name), METADATA_TIMEOUT, false);
    }

    /** Writes {@code raw} as a new qcow2 image {@code qcow2}; holes and zeroes stay unallocated. */
    void convertToQcow2(Path raw, Path qcow2) throws IOException {
        run(raw, List.of(program, "convert", "-f", "raw", "-O", "qcow2", raw.toString(), qcow2.toString()),
                CONVERT_TIMEOUT, true);
    }

    private static void pause() throws InterruptedIOException {
        try {
            Thread.sleep(LOCK_RETRY_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("stopped while waiting for the image's lock");
        }
    }

    /** @param cancellable whether a cancel may stop the program; never while it changes the image's metadata */
    private static ExternalCommand.Result run(Path image, List<String> command, Duration timeout, boolean cancellable)
            throws IOException {
        ExternalCommand.Result result = cancellable ? ExternalCommand.run(command, timeout)
                : ExternalCommand.runToCompletion(command, timeout);
        // A lock held for a moment (an inventory scan's qemu-img info) is not a running VM, which holds
        // it for good: try again for a few seconds before saying the image is in use.
        for (int retry = 0; retry < LOCK_RETRIES && !result.succeeded() && ImageInUseException.saidBy(result.output());
             retry++) {
            pause();
            result = cancellable ? ExternalCommand.run(command, timeout) : ExternalCommand.runToCompletion(command, timeout);
        }
        if (result.succeeded()) {
            return result;
        }
        if (ImageInUseException.saidBy(result.output())) {
            throw new ImageInUseException(image);
        }
        throw new IOException(String.join(" ", command.subList(0, 2)) + " failed on " + image + ": " + result.output());
    }
}
