package io.bulwark.engine.inventory;

import io.bulwark.protocol.inventory.DiskFormat;
import io.bulwark.protocol.inventory.InventoryDatastore;
import io.bulwark.protocol.inventory.InventoryDisk;
import io.bulwark.protocol.inventory.InventoryVm;
import io.bulwark.protocol.inventory.VmPower;
import io.bulwark.protocol.inventory.VmReference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns what the scan script saw into the inventory: each folder with disk images is a VM, named
 * and given its disks by a libvirt domain XML in it when there is one, by the folder and file names
 * when not. A folder without images is not a VM (an ISO library, say) and is left out.
 */
public final class InventoryAssembler {
    private final UUID hostId;
    private final List<String> warnings = new ArrayList<>();
    private boolean qemuImg;

    private InventoryAssembler(UUID hostId) {
        this.hostId = hostId;
    }

    public static ScanOutcome assemble(UUID hostId, ScanOutput output) {
        InventoryAssembler assembler = new InventoryAssembler(hostId);
        assembler.qemuImg = output.qemuImgAvailable();
        if (!output.qemuImgAvailable()) {
            assembler.warnings.add("qemu-img is not installed on the host, so sizes are file sizes, formats are "
                    + "guessed from the file names and whether VMs run is unknown. Install qemu-utils (Debian, "
                    + "Ubuntu) or qemu-img (RHEL) there and rescan.");
        }
        List<InventoryDatastore> datastores = output.datastores().stream().map(assembler::datastore).toList();
        output.skipped().forEach(s -> assembler.warnings.add("Skipped " + s + "."));
        return new ScanOutcome(datastores, List.copyOf(assembler.warnings));
    }

    private InventoryDatastore datastore(ScanOutput.Datastore scanned) {
        if (scanned.unreachable() != null) {
            String message = "The datastore " + scanned.path() + " " + scanned.unreachable()
                    + ". Check the path and that it is mounted on the host.";
            warnings.add(message);
            return new InventoryDatastore(scanned.path(), false, message, 0, List.of());
        }
        List<InventoryVm> vms = scanned.folders().stream().map(this::vm).flatMap(Optional::stream)
                .sorted(Comparator.comparing(InventoryVm::name, String.CASE_INSENSITIVE_ORDER)).toList();
        return new InventoryDatastore(scanned.path(), true, null,
                scanned.freeBytes() == null ? 0 : scanned.freeBytes(), vms);
    }

    private Optional<InventoryVm> vm(ScanOutput.Folder folder) {
        Map<String, ScannedDisk> images = new LinkedHashMap<>();
        for (ScanOutput.Image image : folder.images()) {
            disk(image).ifPresent(d -> images.put(image.path(), d));
        }
        Optional<DomainXml> domain = domain(folder);
        Map<String, ScannedDisk> disks = new LinkedHashMap<>();
        if (domain.isPresent()) {
            // Only what libvirt attaches is a disk of the VM; other images in the folder are leftovers or copies.
            for (DomainXml.Disk listed : domain.get().disks()) {
                ScannedDisk found = images.get(listed.sourceFile());
                if (found != null) {
                    disks.putIfAbsent(listed.target(), found);
                }
            }
        } else {
            images.values().forEach(d -> disks.put(fileName(d.path()), d));
        }
        if (disks.isEmpty()) {
            return Optional.empty();
        }
        String name = domain.map(DomainXml::name).orElse(fileName(folder.path()));
        VmPower power = disks.values().stream().anyMatch(ScannedDisk::inUse) ? VmPower.RUNNING
                : qemuImg ? VmPower.STOPPED : VmPower.UNKNOWN;
        return Optional.of(new InventoryVm(new VmReference(hostId, folder.path()).toString(), name, folder.path(),
                power, disks.entrySet().stream().map(d -> d.getValue().named(d.getKey())).toList()));
    }

    private Optional<DomainXml> domain(ScanOutput.Folder folder) {
        for (ScanOutput.Xml xml : folder.xmlFiles()) {
            try {
                Optional<DomainXml> domain = DomainXml.read(xml.text());
                if (domain.isPresent()) {
                    return domain;
                }
            } catch (IllegalArgumentException e) {
                warnings.add(xml.path() + " is " + e.getMessage() + "; the VM is named after its folder.");
            }
        }
        return Optional.empty();
    }

    private Optional<ScannedDisk> disk(ScanOutput.Image image) {
        boolean inUse = image.locked() || image.openForWriting();
        if (image.qemuInfo() == null && qemuImg) {
            warnings.add("qemu-img cannot read " + image.path() + ": "
                    + (image.qemuError() == null ? "no answer" : image.qemuError()) + ".");
            return Optional.empty();
        }
        if (image.qemuInfo() == null) {
            DiskFormat format = image.path().endsWith(".qcow2") ? DiskFormat.QCOW2 : DiskFormat.RAW;
            long size = image.fileBytes() == null ? 0 : image.fileBytes();
            long allocated = image.allocatedBytes() == null ? size : image.allocatedBytes();
            return Optional.of(new ScannedDisk(image.path(), format, size, allocated, List.of(), inUse));
        }
        QemuImageInfo info;
        try {
            info = QemuImageInfo.parse(image.qemuInfo());
        } catch (IllegalArgumentException e) {
            warnings.add("qemu-img's facts of " + image.path() + " cannot be read: " + e.getMessage() + ".");
            return Optional.empty();
        }
        Optional<DiskFormat> format = switch (info.format()) {
            case "qcow2" -> Optional.of(DiskFormat.QCOW2);
            case "raw" -> Optional.of(DiskFormat.RAW);
            default -> Optional.empty();
        };
        if (format.isEmpty()) {
            warnings.add(image.path() + " is a " + info.format() + " image; Bulwark backs up qcow2 and raw images. "
                    + "Convert it with qemu-img convert to include it.");
            return Optional.empty();
        }
        return Optional.of(new ScannedDisk(image.path(), format.get(), info.virtualSize(), info.actualSize(),
                info.bitmaps(), inUse));
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private record ScannedDisk(String path, DiskFormat format, long capacity, long allocated, List<String> bitmaps,
                               boolean inUse) {
        InventoryDisk named(String name) {
            return new InventoryDisk(name, path, format, capacity, allocated, bitmaps);
        }
    }
}
