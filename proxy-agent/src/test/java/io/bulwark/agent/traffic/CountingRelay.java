package io.bulwark.agent.traffic;

import io.bulwark.agent.remote.HostPort;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A plain TCP relay on loopback in front of a server, counting the bytes clients send through it:
 * what crossed the wire, TLS records and all, readable at any moment without waiting for a sender.
 */
final class CountingRelay implements AutoCloseable {
    private final ServerSocket listener;
    private final HostPort server;
    private final AtomicLong upstreamBytes = new AtomicLong();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private CountingRelay(ServerSocket listener, HostPort server) {
        this.listener = listener;
        this.server = server;
        Thread.ofPlatform().daemon().name("relay-acceptor").start(this::accept);
    }

    static CountingRelay to(HostPort server) throws IOException {
        return new CountingRelay(new ServerSocket(0, 16, InetAddress.getLoopbackAddress()), server);
    }

    HostPort address() {
        return new HostPort("127.0.0.1", listener.getLocalPort());
    }

    /** Bytes clients sent to the server so far. */
    long upstreamBytes() {
        return upstreamBytes.get();
    }

    private void accept() {
        try {
            while (true) {
                Socket client = listener.accept();
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(server.host(), server.port()), 5000);
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream, upstreamBytes);
                pump(upstream, client, new AtomicLong());
            }
        } catch (IOException closed) {
            // the relay is closed
        }
    }

    private void pump(Socket from, Socket to, AtomicLong counter) {
        Thread.ofPlatform().daemon().name("relay-pump").start(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    out.write(buffer, 0, read);
                    counter.addAndGet(read);
                }
            } catch (IOException ended) {
                // either end closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        });
    }

    @Override
    public void close() {
        closeQuietly(listener);
        sockets.forEach(CountingRelay::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing on the way out
        }
    }
}
