package io.bulwark.console.connection;

import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.auth.LoginResponse;
import io.bulwark.protocol.engine.EngineInfo;

/**
 * Logs in to an engine, trusting only the certificate pinned for its address, once it knows the
 * engine is new enough for this console. Blocks; run it in the background.
 */
public final class Connector {
    private final PinnedCertificates pins;
    private final ConsoleVersion console;

    public Connector(PinnedCertificates pins) {
        this(pins, ConsoleVersion.CURRENT);
    }

    /** @param console what this console says it is; tests pose as older or newer consoles */
    public Connector(PinnedCertificates pins, ConsoleVersion console) {
        this.pins = pins;
        this.console = console;
    }

    /**
     * @throws UntrustedCertificateException when nothing is pinned for the address yet
     * @throws CertificateChangedException   when the engine presents another certificate than the pinned one
     * @throws EngineException               with what to install, when the engine is too old for this console or
     *                                       this console too old for the engine (the engine's 426)
     */
    public EngineConnection connect(EngineAddress address, String username, String password) {
        EngineClient client = new EngineClient(address, pins.fingerprint(address).orElse(null));
        try {
            // Before the password goes anywhere: an engine too old for this console gets none.
            console.problemWith(client.version(), address).ifPresent(problem -> {
                throw new EngineException(problem);
            });
            LoginResponse login = client.login(username, password, console);
            EngineInfo engine = client.get(ApiPaths.ENGINE, EngineInfo.class);
            return new EngineConnection(client, login.user(), engine);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }
}
