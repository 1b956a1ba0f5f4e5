package io.bulwark.engine.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongConsumer;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.CloseableHandle;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHPosixRenameExtension;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHStatExtensionInfo;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHStatPathExtension;
import org.apache.sshd.sftp.client.impl.AbstractSftpClient;
import org.apache.sshd.sftp.client.impl.SftpOutputStreamAsync;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * Files on a managed host, over SFTP, as the logged-in account. Uploads are resumable: a file
 * arrives as {@code NAME.part} and is renamed when whole, so an upload cut off by a dropped
 * connection continues from where it stopped, and a half-written file is never taken for a whole one.
 */
public class RemoteFiles implements AutoCloseable {
    static final String PARTIAL_SUFFIX = ".part";
    /** Under OpenSSH sftp-server's largest message (256 KiB with headers). */
    private static final int CHUNK = 255 * 1024;

    private final SftpClient sftp;
    private final String host;
    /** Folders this connection has seen or made: a bundle's files share a few, and each look is a round trip. */
    private final Set<String> knownFolders = new HashSet<>();

    RemoteFiles(SftpClient sftp, String host) {
        this.sftp = sftp;
        this.host = host;
    }

    /** The account's home folder, where relative paths start. */
    public String home() {
        return call("find the home folder", () -> sftp.canonicalPath("."));
    }

    public void makeDirectories(String path) {
        call("make the folder " + path, () -> {
            StringBuilder walked = new StringBuilder(path.startsWith("/") ? "/" : "");
            for (String part : path.split("/")) {
                if (part.isEmpty()) {
                    continue;
                }
                walked.append(part);
                String folder = walked.toString();
                if (!knownFolders.contains(folder)) {
                    if (size(folder).isEmpty()) {
                        sftp.mkdir(folder);
                    }
                    knownFolders.add(folder);
                }
                walked.append('/');
            }
            return null;
        });
    }

    /** The size of a file, or empty when there is none. */
    public OptionalLong size(String path) {
        return call("look at " + path, () -> {
            try {
                return OptionalLong.of(sftp.stat(path).getSize());
            } catch (SftpException e) {
                if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
                    return OptionalLong.empty();
                }
                throw e;
            }
        });
    }

    /** Writes a small file whole (replacing it), through a partial file so it appears complete or not at all. */
    public void write(String path, byte[] content) {
        call("write " + path, path, () -> {
            String partial = path + PARTIAL_SUFFIX;
            try (OutputStream out = sftp.write(partial, CHUNK, OpenMode.Write, OpenMode.Create, OpenMode.Truncate)) {
                out.write(content);
            }
            replace(partial, path);
            return null;
        });
    }

    /**
     * Uploads a local file to {@code path}, continuing a partial upload an earlier attempt left.
     *
     * @param progress told the total of bytes on the host so far, after each chunk
     * @return the bytes this call sent
     */
    public long upload(Path local, String path, LongConsumer progress) {
        return call("upload " + local.getFileName() + " to " + path, path, () -> {
            long total = Files.size(local);
            String partial = path + PARTIAL_SUFFIX;
            long already = size(partial).orElse(-1);
            long offset = already >= 0 && already <= total ? already : 0;
            EnumSet<OpenMode> modes = offset > 0 ? EnumSet.of(OpenMode.Write)
                    : EnumSet.of(OpenMode.Write, OpenMode.Create, OpenMode.Truncate);
            long sent = 0;
            // Writes are pipelined: a round trip per chunk would cost more than the transfer on a fast link.
            // OpenSSH's sftp-server applies them in order, so the partial file on the host is always a whole
            // prefix, and a later attempt resumes from its size. Progress counts what was handed to SSH.
            try (InputStream in = Files.newInputStream(local); CloseableHandle handle = sftp.open(partial, modes);
                 SftpOutputStreamAsync out = new SftpOutputStreamAsync((AbstractSftpClient) sftp, CHUNK, partial,
                         handle, false)) {
                in.skipNBytes(offset);
                out.setOffset(offset);
                byte[] buffer = new byte[CHUNK];
                for (int n; (n = in.readNBytes(buffer, 0, CHUNK)) > 0; ) {
                    out.write(buffer, 0, n);
                    sent += n;
                    progress.accept(offset + sent);
                }
            }
            replace(partial, path);
            return sent;
        });
    }

    /**
     * Renames over an existing file. SFTP version 3 cannot, so this uses OpenSSH's POSIX rename
     * extension where the server has it, which replaces atomically, and remove-then-rename elsewhere.
     */
    private void replace(String from, String to) throws IOException {
        OpenSSHPosixRenameExtension posixRename = sftp.getExtension(OpenSSHPosixRenameExtension.class);
        if (posixRename.isSupported()) {
            posixRename.posixRename(from, to);
            return;
        }
        if (size(to).isPresent()) {
            sftp.remove(to);
        }
        sftp.rename(from, to);
    }

    /**
     * Copies a file of the host into {@code local}.
     *
     * @param progress told the bytes copied so far, after each chunk
     * @return the bytes copied
     */
    public long download(String path, Path local, LongConsumer progress) {
        return call("download " + path, () -> {
            long got = 0;
            try (InputStream in = sftp.read(path, CHUNK); java.io.OutputStream out = Files.newOutputStream(local)) {
                byte[] buffer = new byte[CHUNK];
                for (int n; (n = in.readNBytes(buffer, 0, CHUNK)) > 0; ) {
                    out.write(buffer, 0, n);
                    got += n;
                    progress.accept(got);
                }
            }
            return got;
        });
    }

    public void delete(String path) {
        call("delete " + path, () -> {
            if (size(path).isPresent()) {
                sftp.remove(path);
            }
            return null;
        });
    }

    @Override
    public void close() {
        try {
            sftp.close();
        } catch (IOException ignored) {
            // The channel is gone either way.
        }
    }

    /**
     * OpenSSH's sftp-server answers a write to a full disk with a bare "Failure" (its protocol
     * version has no code for it), so the disk is asked: under one write's worth of space left
     * means it is full.
     */
    private boolean diskFull(String path) {
        try {
            OpenSSHStatPathExtension statvfs = sftp.getExtension(OpenSSHStatPathExtension.class);
            if (statvfs == null || !statvfs.isSupported()) {
                return false;
            }
            OpenSSHStatExtensionInfo disk = statvfs.stat(path.substring(0, Math.max(1, path.lastIndexOf('/'))));
            return disk.f_bavail * disk.f_frsize < CHUNK;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private interface Io<T> {
        T run() throws IOException;
    }

    private <T> T call(String what, Io<T> action) {
        return call(what, null, action);
    }

    /** @param written the file being written, if any: a failed write is checked for a full disk there */
    private <T> T call(String what, String written, Io<T> action) {
        try {
            return action.run();
        } catch (SftpException e) {
            if (e.getStatus() == SftpConstants.SSH_FX_PERMISSION_DENIED) {
                throw new HostAccessException(HostProblem.COMMAND, "Cannot " + what + " on " + host
                        + ": permission denied. The account needs a writable home folder.", Map.of(), e);
            }
            String message = String.valueOf(e.getMessage());
            if (message.toLowerCase().contains("no space") || e.getStatus() == 14 /* SSH_FX_NO_SPACE_ON_FILESYSTEM */
                    || e.getStatus() == SftpConstants.SSH_FX_FAILURE && written != null && diskFull(written)) {
                throw new HostAccessException(HostProblem.NO_SPACE, "Cannot " + what + " on " + host
                        + ": the disk is full. Free space on the host, then retry; the upload resumes.", Map.of(), e);
            }
            throw new HostAccessException(HostProblem.COMMAND, "Cannot " + what + " on " + host + ": " + message,
                    Map.of(), e);
        } catch (IOException e) {
            throw new HostAccessException(HostProblem.DISCONNECTED, "The connection to " + host + " dropped while "
                    + "trying to " + what + " (" + e.getMessage() + "). Retry; uploads resume where they stopped.",
                    Map.of(), e);
        }
    }
}
