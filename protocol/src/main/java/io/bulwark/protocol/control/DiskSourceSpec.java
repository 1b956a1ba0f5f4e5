package io.bulwark.protocol.control;

import io.bulwark.protocol.inventory.DiskFormat;

/**
 * Where a backup task reads its disk: the transport mode, resolved by the engine for one proxy.
 *
 * <ul>
 *   <li>{@link Kind#FILE}: the image is at {@code path} on the proxy's own host (direct storage access
 *       or virtual appliance). A raw image is read as a file. A qcow2 image is opened read-only with
 *       qemu-nbd on a private socket by the agent, which also keeps its dirty bitmaps (below).</li>
 *   <li>{@link Kind#NBD}: the engine has started a read-only export on the virtualization host,
 *       {@code nbd://nbdHost:nbdPort/nbdExport}, and keeps its bitmaps itself.</li>
 * </ul>
 *
 * <p>Changed block tracking for qcow2, one persistent bitmap per restore point: {@code addBitmap}
 * is added to the image before the read starts (it records every write from then on);
 * {@code readBitmap}, the bitmap added with the disk's previous restore point, tells what changed
 * since it. After the new restore point is committed every other {@code bulwark-} bitmap is removed.
 * A null {@code readBitmap}, or one the image no longer has, means a full read.
 *
 * @param nbdTls  the export wants TLS; the proxy checks the host's certificate against the engine's CA
 */
public record DiskSourceSpec(Kind kind, String path, DiskFormat format, String nbdHost, int nbdPort,
                             String nbdExport, boolean nbdTls, String readBitmap, String addBitmap) {
    public enum Kind { FILE, NBD }

    /** Prefix of every bitmap Bulwark makes, so that it never touches anyone else's. */
    public static final String BITMAP_PREFIX = "bulwark-";

    public static DiskSourceSpec file(String path, DiskFormat format, String readBitmap, String addBitmap) {
        return new DiskSourceSpec(Kind.FILE, path, format, null, 0, null, false, readBitmap, addBitmap);
    }

    public static DiskSourceSpec nbd(String host, int port, String export, boolean tls, String readBitmap) {
        return new DiskSourceSpec(Kind.NBD, null, DiskFormat.RAW, host, port, export, tls, readBitmap, null);
    }
}
