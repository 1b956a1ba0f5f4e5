package io.bulwark.engine.inventory;

import io.bulwark.engine.deploy.ServerAccess;
import io.bulwark.engine.ssh.CommandResult;
import io.bulwark.engine.ssh.SshConnection;
import java.util.UUID;

/** A managed server's shell: one SSH login per script, elevated with sudo as deployments are. */
public record SshHostShell(ServerAccess access, UUID serverId) implements HostShell {
    @Override
    public CommandResult run(String script) {
        try (SshConnection connection = access.connect(serverId)) {
            return connection.runElevated(script);
        }
    }
}
