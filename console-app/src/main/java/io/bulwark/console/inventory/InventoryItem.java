package io.bulwark.console.inventory;

import io.bulwark.console.common.Formats;
import io.bulwark.protocol.inventory.InventoryDatastore;
import io.bulwark.protocol.inventory.InventoryDisk;
import io.bulwark.protocol.inventory.InventoryHost;
import io.bulwark.protocol.inventory.InventoryVm;
import io.bulwark.protocol.inventory.ScanState;
import io.bulwark.protocol.inventory.VirtualizationHostView;
import java.util.List;
import java.util.UUID;

/**
 * One line of the inventory tree: a host, a datastore, a VM or a disk. Every line answers the
 * same questions, so the tree has one set of columns.
 */
public sealed interface InventoryItem {
    /** Stable across reloads, so that the tree keeps what was selected and expanded. */
    String key();

    /** The virtualization host the line belongs to: Rescan and Remove act on it. */
    UUID hostId();

    String name();

    String type();

    /** The guest-visible size, or null where it means nothing. */
    Long capacityBytes();

    /** What it takes on the datastore, or null. */
    Long allocatedBytes();

    String format();

    String state();

    String details();

    /**
     * A virtualization host: the engine's view of it (scan state) and what its last good scan found.
     * Either may be missing for a moment: a host just added, or one deleted while the tree loaded.
     */
    record Host(UUID hostId, VirtualizationHostView view, InventoryHost inventory) implements InventoryItem {
        @Override
        public String key() {
            return "host:" + hostId;
        }

        @Override
        public String name() {
            if (view != null) {
                return view.address() == null || view.address().equals(view.name()) ? view.name()
                        : view.name() + " (" + view.address() + ")";
            }
            return inventory == null ? hostId.toString() : inventory.name();
        }

        @Override
        public String type() {
            return "Virtualization host";
        }

        @Override
        public Long capacityBytes() {
            return inventory == null ? null : vms().stream().mapToLong(InventoryVm::sizeBytes).sum();
        }

        @Override
        public Long allocatedBytes() {
            return inventory == null ? null : vms().stream().flatMap(vm -> vm.disks().stream())
                    .mapToLong(InventoryDisk::allocatedBytes).sum();
        }

        @Override
        public String format() {
            return "";
        }

        @Override
        public String state() {
            return view == null ? "" : scanState(view.scanState());
        }

        @Override
        public String details() {
            if (view == null) {
                return "";
            }
            // The VMs the tree shows, where it has them, so that the line and its children agree.
            int vmCount = inventory == null ? view.vmCount() : vms().size();
            String scanned = view.scannedAt() == null ? "Not scanned yet"
                    : "Last scan " + Formats.instant(view.scannedAt()) + ", " + vmCount + (vmCount == 1 ? " VM" : " VMs");
            return view.scanMessage() == null || view.scanMessage().isBlank() ? scanned
                    : scanned + ". " + view.scanMessage();
        }

        List<InventoryVm> vms() {
            return inventory == null || inventory.datastores() == null ? List.of()
                    : inventory.datastores().stream().flatMap(datastore -> datastore.vms().stream()).toList();
        }

        static String scanState(ScanState state) {
            return switch (state) {
                case null -> "";
                case PENDING -> "Not scanned yet";
                case SCANNING -> "Scanning…";
                case OK -> "Scanned";
                case WARNING -> "Warning";
                case FAILED -> "Failed";
            };
        }
    }

    /** A datastore folder; {@code datastore} is null when no scan has listed it yet. */
    record Datastore(UUID hostId, String path, InventoryDatastore datastore) implements InventoryItem {
        @Override
        public String key() {
            return "datastore:" + hostId + ":" + path;
        }

        @Override
        public String name() {
            return path;
        }

        @Override
        public String type() {
            return "Datastore";
        }

        @Override
        public Long capacityBytes() {
            return datastore == null ? null : datastore.vms().stream().mapToLong(InventoryVm::sizeBytes).sum();
        }

        @Override
        public Long allocatedBytes() {
            return datastore == null ? null : datastore.vms().stream().flatMap(vm -> vm.disks().stream())
                    .mapToLong(InventoryDisk::allocatedBytes).sum();
        }

        @Override
        public String format() {
            return "";
        }

        @Override
        public String state() {
            if (datastore == null) {
                return "Not scanned yet";
            }
            return datastore.reachable() ? "Available" : "Unavailable";
        }

        @Override
        public String details() {
            if (datastore == null) {
                return "";
            }
            if (!datastore.reachable()) {
                return datastore.message() == null ? "" : datastore.message();
            }
            return Formats.bytes(datastore.freeBytes()) + " free";
        }
    }

    record Vm(UUID hostId, InventoryVm vm) implements InventoryItem {
        @Override
        public String key() {
            return vm.reference();
        }

        @Override
        public String name() {
            return vm.name();
        }

        @Override
        public String type() {
            return "Virtual machine";
        }

        @Override
        public Long capacityBytes() {
            return vm.sizeBytes();
        }

        @Override
        public Long allocatedBytes() {
            return vm.disks().stream().mapToLong(InventoryDisk::allocatedBytes).sum();
        }

        @Override
        public String format() {
            return "";
        }

        @Override
        public String state() {
            return vm.power() == null ? "" : Formats.label(vm.power());
        }

        @Override
        public String details() {
            return vm.folder() + ", " + vm.disks().size() + (vm.disks().size() == 1 ? " disk" : " disks");
        }
    }

    record Disk(UUID hostId, String vmReference, InventoryDisk disk) implements InventoryItem {
        @Override
        public String key() {
            return vmReference + "#" + disk.name();
        }

        @Override
        public String name() {
            return disk.name();
        }

        @Override
        public String type() {
            return "Disk";
        }

        @Override
        public Long capacityBytes() {
            return disk.capacityBytes();
        }

        @Override
        public Long allocatedBytes() {
            return disk.allocatedBytes();
        }

        @Override
        public String format() {
            return disk.format() == null ? "" : disk.format().name().toLowerCase(java.util.Locale.ROOT);
        }

        @Override
        public String state() {
            return "";
        }

        @Override
        public String details() {
            int bitmaps = disk.bitmaps() == null ? 0 : disk.bitmaps().size();
            // A bitmap is what lets the next run read only the changed blocks: worth showing.
            return disk.path() + (bitmaps == 0 ? "" : ", " + bitmaps + (bitmaps == 1 ? " dirty bitmap" : " dirty bitmaps"));
        }
    }
}
