package io.bulwark.agent.remote;

import java.nio.file.Path;

/**
 * One end's TLS files, all PEM: its certificate (and any intermediates after it), the unencrypted
 * private key of that certificate (PKCS#8, EC or RSA), and the CA certificate(s) the other end's
 * certificate must chain to. The key is read into memory and nowhere else.
 */
public record TlsMaterial(Path certificate, Path key, Path ca) {
}
