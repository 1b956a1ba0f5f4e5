package io.bulwark.engine.inventory;

import java.util.List;

/**
 * What the scan script printed, read into records but not judged yet: which folders and files it
 * saw and what qemu-img said of each. {@link InventoryAssembler} makes the inventory from it.
 *
 * @param qemuImgAvailable whether the host has qemu-img
 * @param skipped          what the script left out, in words (names with line breaks, oversized XML)
 */
public record ScanOutput(boolean qemuImgAvailable, List<Datastore> datastores, List<String> skipped) {

    /** @param unreachable why the folder could not be listed; null when it could */
    public record Datastore(String path, String unreachable, Long freeBytes, List<Folder> folders) {
    }

    /** A VM candidate: one folder in a datastore. */
    public record Folder(String path, List<Xml> xmlFiles, List<Image> images) {
    }

    public record Xml(String path, String text) {
    }

    /**
     * One image file.
     *
     * @param locked         qemu-img could not take the image's lock: a running qemu holds it
     * @param openForWriting a process on the host holds the file open for writing
     * @param qemuInfo       qemu-img's JSON, or null when it failed or is missing
     * @param qemuError      what qemu-img said when it failed, or null
     * @param fileBytes      the file's size, only reported when qemu-img is missing
     * @param allocatedBytes what the file takes on disk, only reported when qemu-img is missing
     */
    public record Image(String path, boolean locked, boolean openForWriting, String qemuInfo, String qemuError,
                        Long fileBytes, Long allocatedBytes) {
    }
}
