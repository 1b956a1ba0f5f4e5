package io.bulwark.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A managed host for tests: a real OpenSSH sshd (Debian's {@code openssh-server}) with its own
 * configuration and host key in a temporary folder, listening on loopback, stopped by PID.
 *
 * <p>It logs users in with passwords (no PAM, so the password is the account's own) and with keys
 * from its own authorized-keys folder, and serves SFTP, as a stock Debian host does.
 */
public final class SshHost implements AutoCloseable {
    private static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Path directory;
    private final String address;
    private final int port;
    private final Path installRoot;
    private final HostNamespace namespace;
    private final Path sftpStart;
    private Process sshd;

    private SshHost(Path directory, String address, int port, Path installRoot, HostNamespace namespace,
                    Path sftpStart) {
        this.directory = directory;
        this.address = address;
        this.port = port;
        this.installRoot = installRoot;
        this.namespace = namespace;
        this.sftpStart = sftpStart;
    }

    /** A host on 127.0.0.1 at a free port, with a new ED25519 host key. */
    public static SshHost start() {
        return start(null);
    }

    /**
     * A host whose sessions install Bulwark under {@code installRoot} instead of {@code /}: sshd
     * sets {@code BULWARK_ROOT} for every session (and the test sudoers keep it), so several test
     * hosts on one machine, and the machine itself, stay apart.
     */
    public static SshHost start(Path installRoot) {
        return start(null, installRoot, null);
    }

    /**
     * A host in its own network namespace, at the namespace's address on port 22, or on loopback
     * when {@code namespace} is null.
     *
     * @param sftpStart where SFTP sessions start instead of the account's home, as
     *                  {@code sftpStart/ACCOUNT}; the engine stages its files there, so hosts that
     *                  share this machine's accounts keep their staging apart. Null for the home.
     */
    public static SshHost start(HostNamespace namespace, Path installRoot, Path sftpStart) {
        if (!Files.isExecutable(SSHD)) {
            throw new IllegalStateException(SSHD + " is missing: install Debian's openssh-server (.ci/run does).");
        }
        try {
            Path directory = Files.createTempDirectory("bulwark-sshd-");
            Files.createDirectories(directory.resolve("authorized_keys"));
            // sshd reads authorized keys as the user logging in, so the way there must be open to all.
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            // sshd refuses to start without its privilege separation folder, which a service manager would make.
            Files.createDirectories(Path.of("/run/sshd"));
            SshHost host = namespace == null
                    ? new SshHost(directory, "127.0.0.1", freePort(), installRoot, null, sftpStart)
                    : new SshHost(directory, namespace.address(), 22, installRoot, namespace, sftpStart);
            host.makeHostKey();
            host.writeConfig();
            host.launch();
            return host;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String address() {
        return address;
    }

    public int port() {
        return port;
    }

    /** The host key's fingerprint as {@code ssh-keygen -l} prints it: {@code SHA256:...}. */
    public String hostKeyFingerprint() {
        String line = Processes.run("ssh-keygen", "-l", "-f", directory.resolve("host_key.pub").toString());
        return line.split(" ")[1];
    }

    /** Lets {@code account} log in with the key whose OpenSSH public key line is given. */
    public void authorize(String account, String publicKeyLine) {
        try {
            Files.writeString(directory.resolve("authorized_keys").resolve(account), publicKeyLine.strip() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The host is reinstalled, as far as SSH can tell: a new host key, on the same address and port. */
    public void replaceHostKey() {
        stop();
        try {
            Files.delete(directory.resolve("host_key"));
            Files.delete(directory.resolve("host_key.pub"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        makeHostKey();
        launch();
    }

    /** What sshd logged, for a failing test's message. */
    public String log() {
        try {
            return Files.readString(directory.resolve("sshd.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public void stop() {
        if (sshd != null) {
            Processes.terminate(sshd, Duration.ofSeconds(10));
            sshd = null;
        }
    }

    @Override
    public void close() {
        stop();
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temporary folder left behind is harmless.
        }
    }

    private void makeHostKey() {
        Processes.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "bulwark-test-host",
                "-f", directory.resolve("host_key").toString());
    }

    private void writeConfig() throws IOException {
        Files.writeString(directory.resolve("sshd_config"), """
                ListenAddress %s
                Port %d
                HostKey %s
                PidFile %s
                AuthorizedKeysFile %s/%%u
                PasswordAuthentication yes
                KbdInteractiveAuthentication no
                PubkeyAuthentication yes
                PermitRootLogin no
                UsePAM no
                StrictModes no
                MaxStartups 100:30:200
                LogLevel VERBOSE
                Subsystem sftp internal-sftp%s
                """.formatted(address, port, directory.resolve("host_key"), directory.resolve("sshd.pid"),
                directory.resolve("authorized_keys"), sftpStart == null ? "" : " -d " + sftpStart + "/%u")
                + (installRoot == null ? "" : "SetEnv BULWARK_ROOT=" + installRoot + "\n"), StandardCharsets.UTF_8);
    }

    private void launch() {
        List<String> command = new ArrayList<>(List.of(SSHD.toString(), "-D", "-f",
                directory.resolve("sshd_config").toString(), "-E", directory.resolve("sshd.log").toString()));
        if (namespace != null) {
            // ip netns exec enters the namespace and then becomes sshd: the PID stays sshd's own.
            command = namespace.command(command);
        }
        try {
            sshd = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(directory.resolve("sshd.out").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!sshd.isAlive()) {
                throw new IllegalStateException("sshd exited with status " + sshd.exitValue() + ": " + log());
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(address, port), 200);
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        stop();
        throw new IllegalStateException("sshd did not listen on " + address + ":" + port + " within " + START_TIMEOUT);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
