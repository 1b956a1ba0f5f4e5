package io.bulwark.engine.runs;

import io.bulwark.engine.deploy.ServerAccess;
import io.bulwark.engine.inventory.LocalHostShell;
import io.bulwark.engine.ssh.CommandResult;
import io.bulwark.engine.ssh.HostAccessException;
import io.bulwark.engine.ssh.HostProblem;
import io.bulwark.engine.ssh.RemoteFiles;
import io.bulwark.engine.ssh.ShellQuoting;
import io.bulwark.engine.ssh.SshConnection;
import io.bulwark.protocol.servers.ServerView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * What the engine does on a host for a task, wherever the host is: a managed server through one
 * SSH connection (commands as root, files through SFTP into a folder only the login reads), or
 * the backup server itself (the engine's own account and files).
 */
interface HostSide extends AutoCloseable {
    static HostSide of(ServerView host, ServerAccess access) {
        return host.builtIn() ? new Local() : new Ssh(host, access);
    }

    /** A new folder only the engine's login on the host may read. */
    void makePrivateFolder(String folder);

    void writePrivate(String folder, Map<String, byte[]> files);

    /** Runs a POSIX shell script (as root over SSH); its standard error is the message when it fails. */
    void run(String script, String what);

    /** Copies a file of the engine's onto the host. */
    void upload(Path local, String path, LongConsumer progress);

    /** Copies a file of the host's into a file of the engine's. */
    void download(String path, Path local, LongConsumer progress);

    /** Gives what root made at {@code path} (a folder of ours, and all in it) to the login, for SFTP to read it. */
    void handOver(String path);

    @Override
    void close();

    final class Ssh implements HostSide {
        private final ServerView host;
        private final ServerAccess access;
        private SshConnection connection;

        Ssh(ServerView host, ServerAccess access) {
            this.host = host;
            this.access = access;
        }

        private SshConnection connection() {
            if (connection == null) {
                connection = access.connect(host.id());
            }
            return connection;
        }

        @Override
        public void makePrivateFolder(String folder) {
            String owner = connection().isRoot() ? "" : "; chown " + ShellQuoting.quote(connection().username()) + " "
                    + ShellQuoting.quote(folder);
            run("umask 077; mkdir " + ShellQuoting.quote(folder) + owner, "make a folder");
        }

        @Override
        public void writePrivate(String folder, Map<String, byte[]> files) {
            try (RemoteFiles sftp = connection().files()) {
                files.forEach((name, content) -> sftp.write(folder + "/" + name, content));
            }
        }

        @Override
        public void run(String script, String what) {
            CommandResult result = connection().runElevated(script);
            if (result.exitStatus() != 0) {
                throw new HostAccessException(HostProblem.COMMAND, "Could not " + what + " on " + host.name() + ": "
                        + result.stderr().strip());
            }
        }

        @Override
        public void upload(Path local, String path, LongConsumer progress) {
            try (RemoteFiles sftp = connection().files()) {
                sftp.upload(local, path, progress);
            }
        }

        @Override
        public void download(String path, Path local, LongConsumer progress) {
            try (RemoteFiles sftp = connection().files()) {
                sftp.download(path, local, progress);
            }
        }

        @Override
        public void handOver(String path) {
            if (!connection().isRoot()) {
                run("chown -R " + ShellQuoting.quote(connection().username()) + " " + ShellQuoting.quote(path),
                        "hand " + path + " to the login");
            }
        }

        @Override
        public void close() {
            if (connection != null) {
                connection.close();
            }
        }
    }

    final class Local implements HostSide {
        private static final Duration TIMEOUT = Duration.ofMinutes(30);

        @Override
        public void makePrivateFolder(String folder) {
            try {
                Files.createDirectory(Path.of(folder),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not make " + folder + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void writePrivate(String folder, Map<String, byte[]> files) {
            files.forEach((name, content) -> {
                try {
                    Files.write(Path.of(folder, name), content);
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not write " + name + ": " + e.getMessage(), e);
                }
            });
        }

        @Override
        public void run(String script, String what) {
            CommandResult result = new LocalHostShell(TIMEOUT).run(script);
            if (result.exitStatus() != 0) {
                throw new HostAccessException(HostProblem.COMMAND, "Could not " + what + " on the backup server: "
                        + result.stderr().strip());
            }
        }

        @Override
        public void upload(Path local, String path, LongConsumer progress) {
            copy(local, Path.of(path), progress);
        }

        @Override
        public void download(String path, Path local, LongConsumer progress) {
            copy(Path.of(path), local, progress);
        }

        @Override
        public void handOver(String path) {
        }

        private static void copy(Path from, Path to, LongConsumer progress) {
            try {
                Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
                progress.accept(Files.size(to));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not copy " + from + " to " + to + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
        }
    }
}
