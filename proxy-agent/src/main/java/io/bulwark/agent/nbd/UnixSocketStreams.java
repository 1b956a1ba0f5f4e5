package io.bulwark.agent.nbd;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * Streams over a Unix domain socket channel that give up after a timeout. A Unix
 * {@link SocketChannel} has no socket adaptor and so no {@code SO_TIMEOUT}; the channel is put in
 * non-blocking mode and each direction waits on a selector of its own (reads and writes may come
 * from different threads).
 */
final class UnixSocketStreams implements Closeable {
    private final SocketChannel channel;
    private final int timeoutMillis;
    private final Selector readable;
    private final Selector writable;

    UnixSocketStreams(SocketChannel channel, int timeoutMillis) throws IOException {
        this.channel = channel;
        this.timeoutMillis = timeoutMillis;
        channel.configureBlocking(false);
        this.readable = Selector.open();
        this.writable = Selector.open();
        channel.register(readable, SelectionKey.OP_READ);
        channel.register(writable, SelectionKey.OP_WRITE);
    }

    InputStream input() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (length == 0) {
                    return 0;
                }
                ByteBuffer target = ByteBuffer.wrap(buffer, offset, length);
                while (true) {
                    int read = channel.read(target);
                    if (read != 0) {
                        return read;
                    }
                    await(readable, "read");
                }
            }
        };
    }

    OutputStream output() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] buffer, int offset, int length) throws IOException {
                ByteBuffer source = ByteBuffer.wrap(buffer, offset, length);
                while (source.hasRemaining()) {
                    if (channel.write(source) == 0) {
                        await(writable, "write");
                    }
                }
            }
        };
    }

    private void await(Selector selector, String direction) throws IOException {
        if (!channel.isOpen()) {
            throw new IOException("the Unix socket is closed");
        }
        int ready = selector.select(timeoutMillis);
        selector.selectedKeys().clear();
        if (ready == 0 && channel.isOpen()) {
            throw new SocketTimeoutException("no " + direction + " progress on the Unix socket within " + timeoutMillis + " ms");
        }
    }

    @Override
    public void close() throws IOException {
        try (readable; writable) {
            channel.close();
        }
    }
}
