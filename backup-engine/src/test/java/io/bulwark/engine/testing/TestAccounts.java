package io.bulwark.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The Linux accounts the SSH tests log in as, made on this machine the first time a test needs
 * them, the way an admin prepares a host: one that elevates with sudo and its password, one that
 * logs in by key and elevates without a password, and one that may not elevate at all.
 *
 * <p>Their passwords are new random ones for every test JVM, so an account left behind by an
 * earlier run is no way in. Making accounts needs root, which the tests have here and in CI.
 */
public final class TestAccounts {
    /** Logs in with a password and elevates with {@code sudo}, which asks for that password. */
    public static final String SUDO_WITH_PASSWORD = "bwt-admin";
    /** Logs in with a key; {@code sudo} needs no password (NOPASSWD), as for automation accounts. */
    public static final String SUDO_WITHOUT_PASSWORD = "bwt-key";
    /** Logs in with a password but is not in sudoers. */
    public static final String NO_SUDO = "bwt-nosudo";

    private static final Path SUDOERS = Path.of("/etc/sudoers.d/bulwark-tests");
    private static String password;

    private TestAccounts() {
    }

    /** The password of all three accounts for this test JVM; the accounts exist once this returns. */
    public static synchronized String password() {
        if (password == null) {
            if (!"root".equals(System.getProperty("user.name"))) {
                throw new IllegalStateException("The SSH tests make test accounts on this machine and need root; "
                        + "run them as root (as CI does).");
            }
            byte[] random = new byte[12];
            new SecureRandom().nextBytes(random);
            String made = "pw-" + HexFormat.of().formatHex(random);
            for (String account : List.of(SUDO_WITH_PASSWORD, SUDO_WITHOUT_PASSWORD, NO_SUDO)) {
                if (run("id", "-u", account) != 0) {
                    check(run("useradd", "--create-home", "--shell", "/bin/sh", account), "useradd " + account);
                }
                check(runWithInput(account + ":" + made + "\n", "chpasswd"), "chpasswd " + account);
            }
            writeSudoers();
            password = made;
        }
        return password;
    }

    public static Path home(String account) {
        return Path.of("/home", account);
    }

    private static void writeSudoers() {
        String rules = """
                # Made by Bulwark's tests: the accounts its SSH tests elevate with.
                # BULWARK_ROOT relocates what the installer writes, so test hosts never install into /.
                Defaults env_keep += "BULWARK_ROOT"
                %s ALL=(ALL) ALL
                %s ALL=(ALL) NOPASSWD: ALL
                """.formatted(SUDO_WITH_PASSWORD, SUDO_WITHOUT_PASSWORD);
        try {
            Path temporary = SUDOERS.resolveSibling(".bulwark-tests.tmp");
            Files.writeString(temporary, rules, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("r--r-----"));
            Files.move(temporary, SUDOERS, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + SUDOERS + ": is sudo installed (Debian package sudo)?", e);
        }
    }

    private static void check(int status, String what) {
        if (status != 0) {
            throw new IllegalStateException(what + " failed with status " + status);
        }
    }

    private static int run(String... command) {
        return runWithInput(null, command);
    }

    private static int runWithInput(String input, String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try (var in = process.getOutputStream()) {
                if (input != null) {
                    in.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            return process.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
