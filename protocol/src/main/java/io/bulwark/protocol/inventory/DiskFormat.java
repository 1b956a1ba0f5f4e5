package io.bulwark.protocol.inventory;

/** The image formats Bulwark backs up. */
public enum DiskFormat {
    RAW,
    QCOW2;

    /** The name qemu-img and qemu-nbd use. */
    public String qemuName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
