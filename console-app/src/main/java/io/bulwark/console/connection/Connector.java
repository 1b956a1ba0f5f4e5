package io.bulwark.console.connection;

import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.auth.LoginResponse;
import io.bulwark.protocol.engine.EngineInfo;

/** Logs in to an engine, trusting only the certificate pinned for its address. Blocks; run it in the background. */
public final class Connector {
    private final PinnedCertificates pins;

    public Connector(PinnedCertificates pins) {
        this.pins = pins;
    }

    /**
     * @throws UntrustedCertificateException when nothing is pinned for the address yet
     * @throws CertificateChangedException   when the engine presents another certificate than the pinned one
     */
    public EngineConnection connect(EngineAddress address, String username, String password) {
        EngineClient client = new EngineClient(address, pins.fingerprint(address).orElse(null));
        try {
            LoginResponse login = client.login(username, password);
            EngineInfo engine = client.get(ApiPaths.ENGINE, EngineInfo.class);
            return new EngineConnection(client, login.user(), engine);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }
}
