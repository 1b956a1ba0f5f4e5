package io.bulwark.engine.runs;

import io.bulwark.agent.remote.AgentKeys;
import io.bulwark.agent.remote.TlsMaterial;
import io.bulwark.engine.ca.AgentIdentity;
import io.bulwark.engine.ca.EngineAuthority;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The TLS material of the engine's in-process agent (the built-in proxy): a key of its own and a
 * certificate from the engine's CA, as every installed agent has. With it the built-in proxy reads
 * TLS exports in network mode, presenting a certificate the export checks.
 */
final class BuiltInAgentTls {
    private BuiltInAgentTls() {
    }

    /** Makes the key once; the certificate is signed again at each start (it is cheap, and follows the CA). */
    static TlsMaterial prepare(Path folder, EngineAuthority authority) {
        try {
            Files.createDirectories(folder);
            AgentKeys.Prepared keys = new AgentKeys(folder).prepare("Built-in proxy");
            Path certificate = folder.resolve("agent.crt");
            Path ca = folder.resolve("ca.crt");
            Files.writeString(certificate, authority.sign(Files.readString(keys.request()),
                    new AgentIdentity("Built-in proxy", "localhost")), StandardCharsets.US_ASCII);
            Files.writeString(ca, authority.certificatePem(), StandardCharsets.US_ASCII);
            return new TlsMaterial(certificate, keys.key(), ca);
        } catch (IOException e) {
            throw new UncheckedIOException("The engine could not set up its built-in agent's TLS key in " + folder
                    + ": " + e.getMessage(), e);
        }
    }
}
