package io.bulwark.agent.remote;

import io.bulwark.protocol.datamover.ProtocolException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/** Turns what the JDK says when a data mover connection cannot be made into what an admin can act on. */
final class TlsFailures {
    private TlsFailures() {
    }

    /** The proxy could not open a TCP connection to the agent. */
    static String unreachable(HostPort agent, IOException e) {
        String why;
        if (e instanceof ConnectException && String.valueOf(e.getMessage()).contains("refused")) {
            why = "connection refused. Is ./bulwark agent serve running there?";
        } else if (e instanceof UnknownHostException) {
            why = "the host " + agent.host() + " is unknown.";
        } else if (e instanceof SocketTimeoutException) {
            why = "no answer within " + AgentConnection.CONNECT_TIMEOUT.toSeconds()
                    + " s. Is the host up, and the port open in its firewall?";
        } else if (e instanceof NoRouteToHostException) {
            why = "no route to the host. Is it up, and the port open in its firewall?";
        } else {
            why = e.getMessage() + ".";
        }
        return "Cannot reach the repository agent at " + agent + ": " + why;
    }

    /** The TLS handshake or the greeting after it failed, as the proxy sees it. */
    static String proxySide(HostPort agent, TlsMaterial tls, IOException e) {
        if (e instanceof ProtocolException) {
            return "The repository agent at " + agent + " broke the data mover protocol: it sent " + e.getMessage() + ".";
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertPathBuilderException || cause instanceof CertPathValidatorException) {
                return "The repository agent at " + agent + " presented a certificate that is not signed by the CA in "
                        + tls.ca() + " (or that has expired). Give the CA certificate that issued the agent's certificate"
                        + " with --ca, or start the agent with a certificate that CA issued.";
            }
            if (cause instanceof CertificateException && cause.getMessage() != null
                    && (cause.getMessage().startsWith("No subject alternative") || cause.getMessage().startsWith("No name matching"))) {
                return "The repository agent at " + agent + " presented a certificate that does not name " + agent.host()
                        + ". Connect with the name or address its certificate was issued for, or issue it one that names "
                        + agent.host() + ". (" + cause.getMessage() + ")";
            }
        }
        if (e instanceof SSLException && refusedCertificate(e.getMessage())) {
            return refusedCertificate(agent, tls);
        }
        return "The TLS connection to the repository agent at " + agent + " failed: " + e.getMessage() + ".";
    }

    /**
     * The handshake went through on the proxy's side, but the agent did not greet. In TLS 1.3 that
     * is how an agent refuses the proxy's certificate: the proxy's handshake is over before the
     * agent has checked it, and the agent's alert and close arrive as a failed write or read.
     */
    static String beforeGreeting(HostPort agent, TlsMaterial tls, IOException e, Duration limit) {
        if (e instanceof ProtocolException) {
            return proxySide(agent, tls, e);
        }
        if (e instanceof SocketTimeoutException) {
            return "The repository agent at " + agent + " did not answer the greeting within " + limit.toSeconds() + " s.";
        }
        return refusedCertificate(agent, tls);
    }

    /**
     * In TLS 1.3 the proxy's handshake is over before the agent has checked the proxy's certificate;
     * an agent that refuses it sends an alert or closes the connection before its greeting.
     */
    static String refusedCertificate(HostPort agent, TlsMaterial tls) {
        return "The repository agent at " + agent + " refused this proxy's certificate " + tls.certificate()
                + ": it serves only proxies whose certificate is signed by the CA it was started with (its --ca).";
    }

    /** A handshake failure as the agent sees it, for its log. */
    static String agentSide(TlsMaterial tls, IOException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("certificate_required") || message.contains("Empty client certificate chain")) {
            // A JDK proxy offers only a certificate issued by a CA the agent names, and sends none if it has none.
            return "refused: the proxy has no certificate signed by the CA in " + tls.ca();
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertPathBuilderException || cause instanceof CertPathValidatorException) {
                return "refused: its certificate is not signed by the CA in " + tls.ca() + " (or has expired)";
            }
        }
        if (e instanceof SSLException && refusedCertificate(e.getMessage())) {
            return "the proxy refused this agent's certificate (" + e.getMessage() + "): check that the proxy's --ca holds"
                    + " the CA that signed " + tls.certificate() + " and that it names the host the proxy dials";
        }
        return "the TLS handshake failed: " + e.getMessage();
    }

    private static boolean refusedCertificate(String message) {
        return message != null && message.contains("alert")
                && (message.contains("certificate") || message.contains("unknown_ca") || message.contains("access_denied"));
    }
}
