package io.bulwark.engine.inventory;

import io.bulwark.engine.deploy.ServerAccess;
import io.bulwark.engine.servers.ServerService;
import io.bulwark.engine.ssh.CommandResult;
import io.bulwark.engine.ssh.HostAccessException;
import io.bulwark.engine.ssh.HostProblem;
import io.bulwark.protocol.servers.ServerView;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Scans one virtualization host: runs the scan script there in one round trip (over SSH, or as a
 * local process on the backup server itself) and makes the inventory from what it printed.
 */
public class InventoryScanner {
    private final ServerService servers;
    private final ServerAccess access;
    private final Duration localTimeout;

    public InventoryScanner(ServerService servers, ServerAccess access, Duration localTimeout) {
        this.servers = servers;
        this.access = access;
        this.localTimeout = localTimeout;
    }

    /**
     * @throws HostAccessException when the host cannot be reached, logged in to, or the script fails
     *         there; the message says what to do
     */
    public ScanOutcome scan(UUID hostId, UUID serverId, List<String> datastores) {
        ServerView server = servers.get(serverId);
        CommandResult result = shell(server).run(ScanScript.forDatastores(datastores));
        if (!result.succeeded()) {
            throw new HostAccessException(HostProblem.COMMAND, "The inventory scan failed on '" + server.name()
                    + "' (exit status " + result.exitStatus() + (result.stderr().isBlank() ? ""
                    : ": " + result.lastErrorLine()) + "). Check that /tmp is writable there and rescan.");
        }
        try {
            return InventoryAssembler.assemble(hostId, ScanOutputParser.parse(result.stdout()));
        } catch (ScanOutputException e) {
            throw new HostAccessException(HostProblem.COMMAND, "'" + server.name() + "': " + e.getMessage());
        }
    }

    private HostShell shell(ServerView server) {
        return server.builtIn() ? new LocalHostShell(localTimeout) : new SshHostShell(access, server.id());
    }
}
