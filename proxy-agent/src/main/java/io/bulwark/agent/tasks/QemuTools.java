package io.bulwark.agent.tasks;

/** The qemu-utils programs the disk tasks run: qemu-img for bitmaps and conversions, qemu-nbd to read qcow2. */
record QemuTools(QemuImg qemuImg, String qemuNbd) {
    /** As installed with qemu-utils, found on the agent's PATH. */
    static QemuTools onPath() {
        return new QemuTools(new QemuImg("qemu-img"), "qemu-nbd");
    }
}
