package io.bulwark.engine.testing;

import io.bulwark.engine.deploy.AgentDeployer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;

/**
 * A host for the engine to manage, made of things on this machine: a real sshd (on loopback or in
 * a network namespace of its own), a root folder its sessions install Bulwark under instead of
 * {@code /}, and a folder its SFTP sessions start in, where the engine stages the installer and the
 * bundle. Hosts share this machine's test accounts but nothing else, so several can run at once.
 * Closing one stops the agent a test left on it, then its sshd.
 */
public final class ManagedHost implements AutoCloseable {
    private static final List<String> ACCOUNTS = List.of(TestAccounts.SUDO_WITH_PASSWORD,
            TestAccounts.SUDO_WITHOUT_PASSWORD);

    private final Path installRoot;
    private final Path sftpStart;
    private final SshHost ssh;

    private ManagedHost(Path installRoot, Path sftpStart, SshHost ssh) {
        this.installRoot = installRoot;
        this.sftpStart = sftpStart;
        this.ssh = ssh;
    }

    /** A host on 127.0.0.1, with its folders under {@code folder}. */
    public static ManagedHost onLoopback(Path folder) {
        return start(folder, null);
    }

    /** A host at {@code namespace}'s address, with its folders under {@code folder}. */
    public static ManagedHost inNamespace(Path folder, HostNamespace namespace) {
        return start(folder, namespace);
    }

    private static ManagedHost start(Path folder, HostNamespace namespace) {
        TestAccounts.password();
        try {
            Files.createDirectories(folder);
            // A host's /opt and /etc are open to every account; JUnit's temporary folder is not.
            for (Path way = folder.toAbsolutePath(); way != null; way = way.getParent()) {
                if (!Files.getPosixFilePermissions(way).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    Files.setPosixFilePermissions(way, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
            Path installRoot = Files.createDirectories(folder.resolve("host-root"));
            for (String part : new String[] {"opt", "etc", "var/lib", "var/log", "run"}) {
                Files.createDirectories(installRoot.resolve(part));
            }
            Path sftpStart = Files.createDirectories(folder.resolve("home"));
            for (String account : ACCOUNTS) {
                Path home = Files.createDirectories(sftpStart.resolve(account));
                Processes.run("chown", account + ":", home.toString());
            }
            return new ManagedHost(installRoot, sftpStart, SshHost.start(namespace, installRoot, sftpStart));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public SshHost ssh() {
        return ssh;
    }

    public String address() {
        return ssh.address();
    }

    public int port() {
        return ssh.port();
    }

    /** Where {@code /} is for what the installer writes on this host. */
    public Path installRoot() {
        return installRoot;
    }

    /** Where {@code account}'s SFTP sessions start on this host: its home, as far as the engine can tell. */
    public Path home(String account) {
        return sftpStart.resolve(account);
    }

    /** Where the engine stages its files when it logs in as the sudo-by-password account. */
    public Path staging() {
        return home(TestAccounts.SUDO_WITH_PASSWORD).resolve(AgentDeployer.STAGING);
    }

    /** Stops the agent a test left running and removes what it installed, as the engine's Remove does. */
    public void removeAgent() {
        Path script = staging().resolve("bulwark-installer.sh");
        if (!Files.exists(script)) {
            return;
        }
        ProcessBuilder remove = new ProcessBuilder("sh", script.toString(), "remove", "--staging",
                staging().toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        remove.environment().put("BULWARK_ROOT", installRoot.toString());
        try {
            remove.start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        removeAgent();
        ssh.close();
        deleteTree(sftpStart);
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var files = Files.walk(root)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException ignored) {
            // What a test leaves in its temporary folder is harmless.
        }
    }
}
