package io.bulwark.agent.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.bulwark.agent.remote.HostPort;
import io.bulwark.agent.remote.RepositoryAgent;
import io.bulwark.agent.remote.TlsMaterial;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.slf4j.LoggerFactory;

final class AgentServeCommand implements Command {
    /** As long as a local backup waits for a prune to let go of the repository. */
    private static final Duration LOCK_WAIT = Duration.ofHours(1);

    @Override
    public String name() {
        return "agent serve";
    }

    @Override
    public String usage() {
        return """
                Usage: ./bulwark agent serve --listen HOST:PORT --repo DIR --cert FILE --key FILE --ca FILE

                Serves the repository in DIR to proxies on other hosts, which back up into it with
                ./bulwark backup --repo bulwark://HOST:PORT. The channel is TLS 1.3 with a certificate
                on each end (PEM files): --cert and --key are this agent's certificate and its
                unencrypted key (PKCS#8, EC or RSA); only proxies whose certificate the CA in --ca
                signed are served. The agent never needs the repository password: proxies encrypt
                everything before it leaves them. Many backups may run at once; a block one of them
                is sending is not sent by another. Runs until stopped (SIGTERM); backups still
                running then make no restore point. Logs each session on standard output.""";
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        Arguments arguments = Arguments.parse(name(), args, Set.of("--listen", "--repo", "--cert", "--key", "--ca"),
                Set.of());
        HostPort listen;
        try {
            listen = HostPort.parse(arguments.required("--listen"));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--listen: " + e.getMessage());
        }
        TlsMaterial tls = new TlsMaterial(arguments.path("--cert"), arguments.path("--key"), arguments.path("--ca"));
        logSessions();
        RepositoryAgent agent = RepositoryAgent.start(listen, arguments.path("--repo"), tls, LOCK_WAIT);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("agent-shutdown").unstarted(agent::close));
        terminal.err().println("Serving the repository " + arguments.path("--repo") + " on " + agent.address()
                + " to proxies with a certificate signed by the CA in " + tls.ca() + ". Stop with SIGTERM (Ctrl-C).");
        agent.awaitTermination();
        return 0;
    }

    /** The command line logs warnings only; an agent's log of who backed up what is its record, so it shows sessions too. */
    private static void logSessions() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("io.bulwark.agent.remote").setLevel(Level.INFO);
    }
}
