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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scans one virtualization host: runs the scan script there in one round trip (over SSH, or as a
 * local process on the backup server itself) and makes the inventory from what it printed.
 */
public class InventoryScanner {
    private static final Logger log = LoggerFactory.getLogger(InventoryScanner.class);

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
            log.warn("Inventory scan of {} ended with exit status {}; its errors:\n{}", server.name(),
                    result.exitStatus(), excerpt(result.stderr()));
            // 70: the script could not make its temporary file (see scan.sh).
            throw new HostAccessException(HostProblem.COMMAND, "The inventory scan failed on '" + server.name()
                    + "' (exit status " + result.exitStatus() + (result.stderr().isBlank() ? ""
                    : ": " + result.lastErrorLine()) + "). " + (result.exitStatus() == 70
                    ? "Make /tmp writable there and rescan." : "Rescan; if it fails again, the engine log has the "
                    + "scan's output for support."));
        }
        try {
            return InventoryAssembler.assemble(hostId, ScanOutputParser.parse(result.stdout()));
        } catch (ScanOutputException e) {
            // Paths and qemu-img's facts only: nothing secret, and what support needs to see the host's difference.
            log.warn("Inventory scan of {} gave output the engine does not understand:\n{}", server.name(),
                    excerpt(result.stdout()));
            throw new HostAccessException(HostProblem.COMMAND, "'" + server.name() + "': " + e.getMessage());
        }
    }

    private static String excerpt(String text) {
        return text.length() <= 65_536 ? text : text.substring(0, 65_536) + "\n(cut at 64 KiB)";
    }

    private HostShell shell(ServerView server) {
        return server.builtIn() ? new LocalHostShell(localTimeout) : new SshHostShell(access, server.id());
    }
}
