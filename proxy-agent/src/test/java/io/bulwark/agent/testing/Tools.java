package io.bulwark.agent.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Debian programs the tests run as real peers. A missing one fails the test with the command
 * that installs it: the tests never skip, so a green run means the peers were there.
 */
public final class Tools {
    private Tools() {
    }

    /** qemu-nbd, qemu-img and qemu-io. */
    public static final String QEMU_PACKAGE = "qemu-utils";
    public static final String NBDKIT_PACKAGE = "nbdkit";
    /** nbdinfo, the libnbd client, handy as a reference to compare with. */
    public static final String LIBNBD_PACKAGE = "libnbd-bin";

    /** The program's path on {@code PATH}. */
    public static Path require(String program, String debianPackage) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(program + " is not installed, and the tests run it as a real peer. Install it with:"
                + " apt-get install " + debianPackage);
    }
}
