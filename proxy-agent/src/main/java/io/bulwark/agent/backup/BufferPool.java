package io.bulwark.agent.backup;

import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A fixed number of same-size buffers, handed out and given back. It bounds the pipeline's memory
 * whatever the disk size, and slows the reader down when the workers fall behind.
 */
final class BufferPool {
    private final BlockingQueue<byte[]> free;
    private final int size;

    BufferPool(int count, int size) {
        this.size = size;
        this.free = new ArrayBlockingQueue<>(count);
        for (int i = 0; i < count; i++) {
            free.add(new byte[size]);
        }
    }

    byte[] take() throws InterruptedIOException {
        try {
            return free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a buffer");
        }
    }

    void release(byte[] buffer) {
        if (buffer.length != size || !free.offer(buffer)) {
            throw new IllegalStateException("a buffer was released twice or does not belong to this pool");
        }
    }
}
