package io.bulwark.agent.source;

import java.io.IOException;
import java.util.List;

/**
 * A disk the data mover reads: a raw image file, or an NBD export. Implementations are used by
 * one reader thread at a time; {@link #read} may be called while {@link #map} results are used.
 */
public interface DiskSource extends AutoCloseable {
    /** How the source is named in messages and restore points: a path, or an NBD URI without secrets. */
    String description();

    /** The disk's size in bytes, fixed for the life of the source. */
    long size();

    /**
     * What the source knows about {@code [offset, offset + length)}, as consecutive extents that
     * cover the range exactly, in order. A source that knows nothing returns one extent of data,
     * dirty. {@code length} is at most {@link #MAX_MAP_LENGTH}.
     */
    List<Extent> map(long offset, long length) throws IOException;

    /**
     * Reads exactly {@code length} bytes at {@code offset}.
     *
     * @throws SourceException when the source ends early, goes away, or reports an error; the
     *                         message says which, in words an admin can act on
     */
    void read(long offset, byte[] buffer, int bufferOffset, int length) throws IOException;

    /** Whether {@link #map} tells changed from unchanged regions (a dirty bitmap), not only data from zeroes. */
    boolean tracksChanges();

    @Override
    void close() throws IOException;

    /** The largest range one {@link #map} call covers; callers walk larger disks in steps. */
    long MAX_MAP_LENGTH = 1L << 30;
}
