package io.bulwark.engine.ssh;

import io.bulwark.engine.credentials.CredentialSecrets;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClientFactory;

/**
 * A logged-in SSH connection to a managed host: runs commands, as the account or elevated with
 * sudo, and copies files. One connection serves one deployment step after another.
 */
public class SshConnection implements AutoCloseable {
    /** What an elevated command says first, on stderr, once sudo has let it run. */
    private static final String ELEVATED = "bulwark: elevated";

    private final ClientSession session;
    private final SshTarget target;
    private final String username;
    private final String sudoPassword;

    SshConnection(ClientSession session, SshTarget target, CredentialSecrets credential) {
        this.session = session;
        this.target = target;
        this.username = credential.username();
        this.sudoPassword = credential.password();
    }

    public SshTarget target() {
        return target;
    }

    public String username() {
        return username;
    }

    /** Whether the account is root, which needs no sudo. */
    public boolean isRoot() {
        return "root".equals(username);
    }

    /** Runs a shell command as the account. */
    public CommandResult run(String command) {
        return exec(command, null);
    }

    /**
     * Runs a shell command as root: directly for root, otherwise through sudo, which gets the
     * credential's password when it asks. When sudo itself refuses, this throws an
     * {@link HostProblem#ELEVATION} error that says why in words an admin acts on, rather than
     * handing back the refusal as the command's own failure.
     */
    public CommandResult runElevated(String command) {
        if (isRoot()) {
            return run(command);
        }
        // The marker on stderr tells sudo's refusals from the command's own failures, so that no separate
        // round trip has to ask sudo first. -k: sudo always asks, so the password line is always consumed by
        // sudo and never reaches the command. The command's own input is /dev/null for the same reason.
        String wrapped = "echo " + ELEVATED + " >&2; exec </dev/null; " + command;
        CommandResult result = sudoPassword == null
                ? exec("sudo -n -- sh -c " + ShellQuoting.quote(wrapped), null)
                : exec("sudo -S -k -p '' -- sh -c " + ShellQuoting.quote(wrapped),
                        (sudoPassword + "\n").getBytes(StandardCharsets.UTF_8));
        // What comes before the marker is sudo's own (a first-use lecture, say), not the command's.
        String stderr = "\n" + result.stderr();
        int marker = stderr.indexOf("\n" + ELEVATED + "\n");
        if (marker >= 0) {
            return new CommandResult(result.exitStatus(), result.stdout(),
                    stderr.substring(marker + ELEVATED.length() + 2));
        }
        throw new HostAccessException(HostProblem.ELEVATION, elevationRefused(result));
    }

    /** Makes sure {@link #runElevated} works, or says in words an admin acts on why it does not. */
    public void checkElevation() {
        runElevated("true");
    }

    private String elevationRefused(CommandResult result) {
        String host = target.address();
        String stderr = result.stderr();
        if (result.exitStatus() == 127 || stderr.contains("sudo: not found") || stderr.contains("command not found")) {
            return "sudo is not installed on " + host + ". Install it and allow '" + username
                    + "' to use it, or log in as root.";
        }
        if (stderr.contains("not in the sudoers") || stderr.contains("not allowed to")
                || stderr.contains("may not run sudo")) {
            return "The account '" + username + "' may not use sudo on " + host + ". Add it to sudoers (for "
                    + "example 'usermod -aG sudo " + username + "'), or use a credential of an account that may.";
        }
        if (stderr.contains("password is required")) {
            return "sudo on " + host + " asks '" + username + "' for a password, and the credential has none. "
                    + "Add the account's password to the credential, or allow the account sudo without a password.";
        }
        if (stderr.contains("incorrect password") || stderr.contains("Sorry, try again")) {
            return "sudo on " + host + " refused the password of '" + username + "'. The credential's password "
                    + "must be the account's own.";
        }
        return "The account '" + username + "' cannot elevate with sudo on " + host + ": "
                + (stderr.isBlank() ? "exit status " + result.exitStatus() : result.lastErrorLine()) + ".";
    }

    /** SFTP to the host, as the account. */
    public RemoteFiles files() {
        try {
            return new RemoteFiles(SftpClientFactory.instance().createSftpClient(session), target.address());
        } catch (IOException e) {
            throw new HostAccessException(HostProblem.COMMAND, "The SSH server on " + target.address()
                    + " offers no SFTP (" + e.getMessage() + "). Enable its sftp subsystem (Subsystem sftp "
                    + "internal-sftp in sshd_config).", Map.of(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (IOException ignored) {
            // Nothing left to do with a connection that will not close cleanly.
        }
    }

    private CommandResult exec(String command, byte[] input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Duration timeout = target.timeout();
        try (ChannelExec channel = session.createExecChannel(command)) {
            channel.setOut(out);
            channel.setErr(err);
            channel.setIn(new ByteArrayInputStream(input == null ? new byte[0] : input));
            channel.open().verify(timeout);
            Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
            if (events.contains(ClientChannelEvent.TIMEOUT)) {
                throw new HostAccessException(HostProblem.TIMEOUT, "A command on " + target.address()
                        + " gave no result within " + timeout.toSeconds() + " s. Check the host's load, or raise "
                        + "the SSH timeout in the server's advanced settings.");
            }
            Integer status = channel.getExitStatus();
            if (status == null) {
                throw new HostAccessException(HostProblem.DISCONNECTED, "The connection to " + target.address()
                        + " ended before a command finished. Retry; a deployment resumes where it stopped.");
            }
            return new CommandResult(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new HostAccessException(HostProblem.DISCONNECTED, "The connection to " + target.address()
                    + " failed while running a command (" + e.getMessage() + "). Retry; a deployment resumes where "
                    + "it stopped.", Map.of(), e);
        }
    }
}
