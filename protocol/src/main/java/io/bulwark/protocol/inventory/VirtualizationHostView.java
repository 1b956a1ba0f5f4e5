package io.bulwark.protocol.inventory;

import io.bulwark.protocol.EntityView;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A virtualization host: a managed server whose datastores the engine scans for VMs.
 *
 * @param name         the server's name
 * @param address      the server's address
 * @param scanState    how the last scan went
 * @param scanMessage  what went wrong, in words an admin acts on; null when nothing did
 * @param vmCount      how many VMs the last scan found
 */
public record VirtualizationHostView(
        UUID id,
        UUID serverId,
        String name,
        String address,
        List<String> datastores,
        int rescanMinutes,
        ScanState scanState,
        String scanMessage,
        Instant scannedAt,
        int vmCount,
        Instant createdAt,
        Instant updatedAt) implements EntityView {
}
