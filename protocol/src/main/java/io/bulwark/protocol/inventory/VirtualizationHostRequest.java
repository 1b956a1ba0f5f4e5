package io.bulwark.protocol.inventory;

import java.util.List;
import java.util.UUID;

/**
 * Makes a managed server a KVM/QEMU virtualization host, or changes one.
 *
 * @param serverId       the managed server (the backup server itself is allowed)
 * @param datastores     absolute directories on the host; each holds one folder per VM
 * @param rescanMinutes  how often the engine scans the host again; null for the default (60), 0 for never
 */
public record VirtualizationHostRequest(UUID serverId, List<String> datastores, Integer rescanMinutes) {
}
