package io.bulwark.agent.tasks;

import java.io.IOException;
import java.nio.file.Path;

/** qemu refused the image because another process, a running VM as a rule, holds its lock. */
final class ImageInUseException extends IOException {
    ImageInUseException(Path image) {
        super("The VM of " + image + " is running (another process holds the image's lock), so the disk was not read"
                + " and nothing was changed. Shut the VM down before backing up its image file, or back it up"
                + " through its host's NBD export (network mode).");
    }

    /** How qemu-img and qemu-nbd say that the image is locked. */
    static boolean saidBy(String output) {
        return output.contains("Failed to get") && output.contains("lock");
    }
}
