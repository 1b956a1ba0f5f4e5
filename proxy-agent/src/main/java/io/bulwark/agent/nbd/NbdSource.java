package io.bulwark.agent.nbd;

import io.bulwark.agent.source.DiskSource;
import io.bulwark.agent.source.Extent;
import io.bulwark.agent.source.SourceException;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A disk read from an NBD export (qemu-nbd, nbdkit, or any server of the NBD protocol): zeroes
 * and holes come from the {@code base:allocation} metadata context, changes from a qemu dirty
 * bitmap when one is named.
 *
 * <pre>{@code
 * try (NbdSource disk = NbdSource.open(NbdUri.parse("nbds://esx-proxy:10809/disk0"),
 *         NbdTls.trusting(Path.of("/etc/bulwark/nbd-ca.pem")), "backup-2024-06-01")) {
 *     for (Extent extent : disk.map(0, Math.min(disk.size(), DiskSource.MAX_MAP_LENGTH))) { ... }
 * }
 * }</pre>
 */
public final class NbdSource implements DiskSource {
    /** Block status is cheap to ask for; one request per map call unless the server answers less. */
    private static final int MAX_BLOCK_STATUS_LENGTH = 1 << 30;

    private final NbdUri uri;
    private final NbdClient client;

    private NbdSource(NbdUri uri, NbdClient client) {
        this.uri = uri;
        this.client = client;
    }

    /** Opens the export with the default timeouts; see {@link #open(NbdUri, NbdTls, String, NbdTimeouts)}. */
    public static NbdSource open(NbdUri uri, NbdTls tls, String dirtyBitmap) throws SourceException {
        return open(uri, tls, dirtyBitmap, NbdTimeouts.DEFAULT);
    }

    /**
     * Connects, negotiates and opens the export read-only.
     *
     * @param tls         the CA (and client certificate) for an {@code nbds://} URI; null for the others
     * @param dirtyBitmap the qemu dirty bitmap whose changes {@link #map} reports, for an
     *                    incremental backup; null for a full backup
     * @throws SourceException when the server cannot be reached, refuses, or lacks the export or
     *                         bitmap, with a message that says which
     */
    public static NbdSource open(NbdUri uri, NbdTls tls, String dirtyBitmap, NbdTimeouts timeouts) throws SourceException {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(timeouts, "timeouts");
        if (uri.tls() && tls == null) {
            throw new SourceException("The NBD URI " + uri + " asks for TLS: give the CA certificate that issued the server's"
                    + " certificate.");
        }
        if (!uri.tls() && tls != null) {
            // Certificates next to a plain URI look like TLS but would not be used: refuse rather than mislead.
            throw new SourceException("TLS certificates were given for " + uri + ", which is plain NBD: use nbds:// to"
                    + " encrypt the connection.");
        }
        if (dirtyBitmap != null && dirtyBitmap.isBlank()) {
            throw new SourceException("The dirty bitmap name for " + uri + " is empty.");
        }
        Link link = Link.connect(uri, timeouts);
        Negotiated session = Handshake.negotiate(link, uri, tls, dirtyBitmap, timeouts);
        return new NbdSource(uri, new NbdClient(uri, session, timeouts));
    }

    @Override
    public String description() {
        return uri.toString();
    }

    @Override
    public long size() {
        return client.size();
    }

    @Override
    public List<Extent> map(long offset, long length) throws SourceException {
        checkRange(offset, length);
        if (length > MAX_MAP_LENGTH) {
            throw new IllegalArgumentException("map covers at most " + MAX_MAP_LENGTH + " bytes per call, not " + length);
        }
        if (client.allocationContext().isEmpty() && client.dirtyBitmapContext().isEmpty()) {
            return List.of(new Extent(offset, length, false, true));
        }
        BlockSizes sizes = client.blockSizes();
        long end = offset + length;
        long alignedEnd = Math.min(size(), sizes.alignUp(end));
        ExtentCollector collector = new ExtentCollector(offset, end);
        while (!collector.isComplete()) {
            long from = sizes.alignDown(collector.position());
            int requestLength = (int) Math.min(alignedEnd - from, MAX_BLOCK_STATUS_LENGTH);
            Map<Integer, List<StatusDescriptor>> status = client.blockStatus(from, requestLength);
            List<StatusDescriptor> allocation = client.allocationContext().stream().mapToObj(status::get).findFirst().orElse(null);
            List<StatusDescriptor> bitmap = client.dirtyBitmapContext().stream().mapToObj(status::get).findFirst().orElse(null);
            if (!collector.add(from, allocation, bitmap)) {
                throw new SourceException("The NBD server " + uri + " answered a block status request for byte "
                        + collector.position() + " without describing it; it breaks the NBD protocol.");
            }
        }
        return collector.extents();
    }

    @Override
    public void read(long offset, byte[] buffer, int bufferOffset, int length) throws SourceException {
        Objects.checkFromIndexSize(bufferOffset, length, buffer.length);
        if (length == 0) {
            return;
        }
        checkRange(offset, length);
        client.read(offset, buffer, bufferOffset, length);
    }

    @Override
    public boolean tracksChanges() {
        return client.dirtyBitmapContext().isPresent();
    }

    /** Sends NBD_CMD_DISC and closes; a read in progress on another thread fails at once. */
    @Override
    public void close() {
        client.close();
    }

    private void checkRange(long offset, long length) {
        if (offset < 0 || length <= 0 || offset > size() - length) {
            throw new IllegalArgumentException("[" + offset + ", +" + length + ") is not inside " + uri + ", which has "
                    + size() + " bytes");
        }
    }
}
