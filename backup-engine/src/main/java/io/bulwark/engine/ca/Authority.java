package io.bulwark.engine.ca;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** The CA's signing key and its self-signed certificate. Never leaves the engine's process and {@code ca.p12}. */
record Authority(PrivateKey privateKey, X509Certificate certificate) {
}
