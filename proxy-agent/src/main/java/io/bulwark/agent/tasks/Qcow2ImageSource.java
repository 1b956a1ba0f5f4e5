package io.bulwark.agent.tasks;

import io.bulwark.agent.nbd.NbdSource;
import io.bulwark.agent.source.DiskSource;
import io.bulwark.agent.source.Extent;
import io.bulwark.protocol.control.DiskSourceSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A qcow2 image on this host, read through a private read-only qemu-nbd, with changed block
 * tracking in the image itself: one persistent dirty bitmap per restore point (see
 * {@link DiskSourceSpec}). The new bitmap is added before the read starts, so that no write after
 * the read's start is missed; the previous one says what to read. Only once the new restore point
 * is committed do older bitmaps go; if the backup fails, the new bitmap goes instead, and the next
 * backup reads through the previous one again: nothing is lost either way.
 */
final class Qcow2ImageSource implements PreparedSource {
    private final QemuImg qemuImg;
    private final Path image;
    private final String addedBitmap;
    private final QemuNbdExport export;
    private final DiskSource disk;
    private final Consumer<String> log;

    private Qcow2ImageSource(QemuImg qemuImg, Path image, String addedBitmap, QemuNbdExport export, DiskSource disk,
                             Consumer<String> log) {
        this.qemuImg = qemuImg;
        this.image = image;
        this.addedBitmap = addedBitmap;
        this.export = export;
        this.disk = disk;
        this.log = log;
    }

    static Qcow2ImageSource open(QemuImg qemuImg, String qemuNbd, Path image, String readBitmap, String addBitmap,
                                 Consumer<String> log, UnaryOperator<DiskSource> filter) throws IOException {
        QemuImg.ImageInfo info = qemuImg.info(image);
        if (!"qcow2".equals(info.format())) {
            throw new IOException(image + " is a " + info.format() + " image, not qcow2 as the engine expected. Rescan"
                    + " the VM's disks in the console.");
        }
        String readThrough = readThrough(info, readBitmap, log);
        String added = null;
        if (addBitmap != null) {
            if (info.bitmaps().contains(addBitmap)) {
                // Left by an earlier attempt at this restore point: it has tracked writes since even before now, which
                // is more than needed and misses nothing.
                log.accept("The image already has the bitmap " + addBitmap + "; it keeps tracking changes for the next"
                        + " backup.");
            } else {
                qemuImg.addBitmap(image, addBitmap);
                log.accept("Added the dirty bitmap " + addBitmap + ": it records the writes made from now on, for the"
                        + " next backup.");
            }
            added = addBitmap;
        }
        QemuNbdExport export = null;
        try {
            export = QemuNbdExport.start(qemuNbd, image, "qcow2", readThrough);
            NbdSource nbd = NbdSource.open(export.uri(), null, readThrough);
            return new Qcow2ImageSource(qemuImg, image, added, export, filter.apply(new Described(nbd, image.toString())),
                    log);
        } catch (IOException | RuntimeException e) {
            if (export != null) {
                export.close();
            }
            removeQuietly(qemuImg, image, added, log);
            throw e;
        }
    }

    private static String readThrough(QemuImg.ImageInfo info, String readBitmap, Consumer<String> log) {
        if (readBitmap == null) {
            log.accept("Reading the whole disk: there is no previous bitmap to read through (the first backup of this"
                    + " disk with changed block tracking).");
            return null;
        }
        if (!info.bitmaps().contains(readBitmap)) {
            log.accept("Reading the whole disk: the image no longer has the bitmap " + readBitmap + " of the previous"
                    + " restore point (it was removed, or the image replaced); only changed blocks are stored.");
            return null;
        }
        log.accept("Reading only the blocks the dirty bitmap " + readBitmap + " marks as changed since the previous"
                + " restore point.");
        return readBitmap;
    }

    @Override
    public DiskSource disk() {
        return disk;
    }

    @Override
    public void close() {
        try {
            disk.close();
        } catch (IOException ignored) {
            // qemu-nbd is stopped next either way
        }
        export.close();
    }

    @Override
    public void committed() {
        try {
            for (String bitmap : qemuImg.info(image).bitmaps()) {
                if (bitmap.startsWith(DiskSourceSpec.BITMAP_PREFIX) && !bitmap.equals(addedBitmap)) {
                    qemuImg.removeBitmap(image, bitmap);
                    log.accept("Removed the dirty bitmap " + bitmap + ", which no restore point needs any more.");
                }
            }
        } catch (IOException e) {
            log.accept("Warning: the older dirty bitmaps of " + image + " could not be removed (" + e.getMessage()
                    + "); they cost a little space and write time, and go with the next backup.");
        }
    }

    @Override
    public void abandoned() {
        removeQuietly(qemuImg, image, addedBitmap, log);
    }

    private static void removeQuietly(QemuImg qemuImg, Path image, String bitmap, Consumer<String> log) {
        if (bitmap == null) {
            return;
        }
        try {
            qemuImg.removeBitmap(image, bitmap);
            log.accept("Removed the dirty bitmap " + bitmap + " again: nothing was committed, and the next backup"
                    + " reads through the previous bitmap.");
        } catch (IOException e) {
            log.accept("Warning: the dirty bitmap " + bitmap + " could not be removed from " + image + " ("
                    + e.getMessage() + "). The next backup is still complete; remove it with qemu-img bitmap --remove"
                    + " when the image is not in use.");
        }
    }

    /** The NBD export, named in restore points by the image's path rather than by the private socket's. */
    private record Described(DiskSource nbd, String description) implements DiskSource {
        @Override
        public long size() {
            return nbd.size();
        }

        @Override
        public List<Extent> map(long offset, long length) throws IOException {
            return nbd.map(offset, length);
        }

        @Override
        public void read(long offset, byte[] buffer, int bufferOffset, int length) throws IOException {
            nbd.read(offset, buffer, bufferOffset, length);
        }

        @Override
        public boolean tracksChanges() {
            return nbd.tracksChanges();
        }

        @Override
        public void close() throws IOException {
            nbd.close();
        }
    }
}
