package io.bulwark.engine.ca;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The engine's identity on the control channel: the key and the certificate it presents to agents,
 * followed by the CA certificate that signed it.
 */
public record ClientIdentity(PrivateKey privateKey, List<X509Certificate> chain) {
    public ClientIdentity {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("A client identity needs its certificate.");
        }
    }

    public X509Certificate certificate() {
        return chain.getFirst();
    }
}
