package io.bulwark.agent.tasks;

import io.bulwark.agent.source.DiskSource;
import java.io.IOException;

/**
 * A backup task's disk, opened for reading, with what must happen to the source after the backup:
 * a qcow2 image keeps its dirty bitmaps in step with the repository's restore points.
 */
sealed interface PreparedSource extends AutoCloseable permits PreparedSource.Plain, Qcow2ImageSource {
    DiskSource disk();

    /** Stops reading: the source is free for others (a qemu-nbd stopped). Called first, once. */
    @Override
    void close();

    /** The restore point is committed: forget what only the previous one needed. Must not throw. */
    void committed();

    /** Failed or cancelled, nothing committed: leave the source as the next backup expects it. Must not throw. */
    void abandoned();

    /** A raw file or an engine's NBD export: nothing to keep in step here. */
    record Plain(DiskSource disk) implements PreparedSource {
        @Override
        public void close() {
            try {
                disk.close();
            } catch (IOException ignored) {
                // the read is over; a failed close of a file or a socket loses nothing
            }
        }

        @Override
        public void committed() {
        }

        @Override
        public void abandoned() {
        }
    }
}
