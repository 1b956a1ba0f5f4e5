package io.bulwark.agent.cli;

import io.bulwark.agent.remote.AgentKeys;
import java.util.List;
import java.util.Set;

/** Makes the agent's key on its own host and the certificate request the engine's CA signs. */
final class AgentKeygenCommand implements Command {
    @Override
    public String name() {
        return "agent keygen";
    }

    @Override
    public String usage() {
        return """
                Usage: ./bulwark agent keygen --dir DIR [--name CN]

                Makes this agent's private key, DIR/agent.key (EC P-256, PKCS#8 PEM, unencrypted,
                readable by its owner only), and writes DIR/agent.csr, a certificate request signed
                by it, for the engine's CA to sign. The key never leaves this host. If agent.key
                exists already it is kept and only agent.csr is written again, so running this twice
                is harmless. --name is the CN the request asks for (default: this host's name); the
                engine names the certificate after the managed server anyway. Prints the request's
                path. The signed certificate goes with --key DIR/agent.key to agent serve.""";
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        Arguments arguments = Arguments.parse(name(), args, Set.of("--dir", "--name"), Set.of());
        String name = arguments.optional("--name");
        if (name != null && name.isBlank()) {
            throw new UsageException(name() + ": --name is blank; leave it out to use this host's name.");
        }
        AgentKeys.Prepared prepared = new AgentKeys(arguments.path("--dir")).prepare(name);
        terminal.err().println(prepared.keyMade()
                ? "Made a new key in " + prepared.key() + " (readable by its owner only)."
                : "Kept the existing key in " + prepared.key() + ".");
        terminal.out().println(prepared.request());
        return 0;
    }
}
