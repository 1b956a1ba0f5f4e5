package io.bulwark.engine.ca;

/**
 * The engine's CA will not sign an agent's certificate request; the message says why and what to
 * do. Nothing was signed.
 */
public final class RejectedCertificateRequestException extends RuntimeException {
    RejectedCertificateRequestException(String message) {
        super(message);
    }

    RejectedCertificateRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
