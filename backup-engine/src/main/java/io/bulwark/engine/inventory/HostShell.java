package io.bulwark.engine.inventory;

import io.bulwark.engine.ssh.CommandResult;

/**
 * Runs a POSIX shell script as root on a virtualization host, wherever that host is: over SSH for
 * a managed server, as a local process for the backup server itself. The scanner does not care.
 */
public interface HostShell {
    /**
     * @throws io.bulwark.engine.ssh.HostAccessException when the host cannot be reached or used;
     *         its message tells the admin what to do
     */
    CommandResult run(String script);
}
