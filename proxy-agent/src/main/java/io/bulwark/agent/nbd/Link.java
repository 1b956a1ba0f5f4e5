package io.bulwark.agent.nbd;

import io.bulwark.agent.source.SourceException;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import javax.net.ssl.SSLSocket;

/**
 * The byte stream to an NBD server: TCP, possibly upgraded to TLS in the middle of the
 * handshake, or a Unix domain socket. Every wait for the server is bounded by the reply timeout.
 */
final class Link implements Closeable {
    /** Large enough that a 4 KiB read reply arrives in one system call; big reads bypass it. */
    private static final int BUFFER_SIZE = 256 * 1024;

    /** Closed for an orderly end: for TLS, the TLS socket, which sends close_notify first. */
    private final Closeable transport;
    /** Closed to cut the connection at once, even while another thread is blocked in it. */
    private final Closeable raw;
    private final Socket socket;
    final DataInputStream in;
    final DataOutputStream out;

    private Link(Closeable transport, Closeable raw, Socket socket, InputStream in, OutputStream out) {
        this.transport = transport;
        this.raw = raw;
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(in, BUFFER_SIZE));
        this.out = new DataOutputStream(new BufferedOutputStream(out, 64 * 1024));
    }

    static Link connect(NbdUri uri, NbdTimeouts timeouts) throws SourceException {
        return uri.isUnixSocket() ? connectUnix(uri, timeouts) : connectTcp(uri, timeouts);
    }

    /**
     * Layers TLS over this link's socket after the server acknowledged NBD_OPT_STARTTLS. The
     * server says nothing between its acknowledgement and our ClientHello, so the read buffer of
     * the plain link holds nothing that would be lost.
     */
    Link upgradeToTls(NbdUri uri, NbdTls tls, NbdTimeouts timeouts) throws SourceException {
        SSLSocket tlsSocket = TlsUpgrade.handshake(socket, uri, tls, timeouts);
        try {
            return new Link(tlsSocket, socket, tlsSocket, tlsSocket.getInputStream(), tlsSocket.getOutputStream());
        } catch (IOException e) {
            close();
            throw new SourceException("The TLS connection to the NBD server " + uri + " failed: " + e.getMessage(), e);
        }
    }

    /** Ends the connection in order (TLS close_notify, then the socket). */
    @Override
    public void close() {
        closeQuietly(transport);
    }

    /** Cuts the connection under any thread blocked in it, which then gets an exception. */
    void abort() {
        closeQuietly(raw);
    }

    private static Link connectTcp(NbdUri uri, NbdTimeouts timeouts) throws SourceException {
        InetSocketAddress address = new InetSocketAddress(uri.host(), uri.port());
        if (address.isUnresolved()) {
            throw cannotConnect(uri, "the host name " + uri.host() + " is unknown.", null);
        }
        Socket socket = new Socket();
        try {
            // The spec asks both ends to disable Nagle: request headers are small and must not wait.
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(timeouts.replyMillis());
            socket.connect(address, timeouts.connectMillis());
            return new Link(socket, socket, socket, socket.getInputStream(), socket.getOutputStream());
        } catch (ConnectException e) {
            closeQuietly(socket);
            throw cannotConnect(uri, "connection refused. Is qemu-nbd (or nbdkit) running and listening on "
                    + address.getHostString() + ":" + uri.port() + "?", e);
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw cannotConnect(uri, "no answer within " + timeouts.connect().toSeconds()
                    + " s. Is the host reachable, and the port open in its firewall?", e);
        } catch (IOException e) {
            closeQuietly(socket);
            throw cannotConnect(uri, e.getMessage() + ".", e);
        }
    }

    private static Link connectUnix(NbdUri uri, NbdTimeouts timeouts) throws SourceException {
        if (!Files.exists(uri.socket())) {
            throw cannotConnect(uri, "the socket " + uri.socket() + " does not exist. Is qemu-nbd running with -k "
                    + uri.socket() + "?", null);
        }
        // A server makes its socket file when it binds, a moment before it listens: a refusal within
        // the connect timeout is tried again rather than taken as a server that is gone.
        long deadline = System.nanoTime() + timeouts.connectMillis() * 1_000_000L;
        while (true) {
            SocketChannel channel = null;
            try {
                channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                channel.connect(UnixDomainSocketAddress.of(uri.socket()));
                UnixSocketStreams streams = new UnixSocketStreams(channel, timeouts.replyMillis());
                return new Link(streams, streams, null, streams.input(), streams.output());
            } catch (ConnectException e) {
                closeQuietly(channel);
                if (System.nanoTime() > deadline || !pause()) {
                    throw cannotConnect(uri, "connection refused on " + uri.socket() + ". Is qemu-nbd still running?",
                            e);
                }
            } catch (IOException e) {
                closeQuietly(channel);
                throw cannotConnect(uri, e.getMessage() + ".", e);
            }
        }
    }

    /** Waits a little before the next try; false when interrupted. */
    private static boolean pause() {
        try {
            Thread.sleep(20);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static SourceException cannotConnect(NbdUri uri, String why, Exception cause) {
        return new SourceException("Cannot connect to the NBD server " + uri + ": " + why, cause);
    }

    private static void closeQuietly(Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException e) {
            // The connection is being given up; the server notices either way.
        }
    }
}
