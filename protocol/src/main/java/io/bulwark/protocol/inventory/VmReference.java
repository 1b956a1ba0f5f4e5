package io.bulwark.protocol.inventory;

import java.util.UUID;

/**
 * How jobs name a VM: {@code vm:HOST-ID:FOLDER}, the virtualization host's id and the VM folder's
 * absolute path. It survives rescans and renames of the libvirt domain; a VM moved to another
 * folder is another VM.
 */
public record VmReference(UUID hostId, String folder) {
    private static final String PREFIX = "vm:";

    public static VmReference parse(String reference) {
        if (reference == null || !reference.startsWith(PREFIX)) {
            throw new IllegalArgumentException("'" + reference + "' is not a VM reference (vm:HOST-ID:/folder)");
        }
        String rest = reference.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        if (colon < 0 || !rest.startsWith("/", colon + 1)) {
            throw new IllegalArgumentException("'" + reference + "' is not a VM reference (vm:HOST-ID:/folder)");
        }
        return new VmReference(UUID.fromString(rest.substring(0, colon)), rest.substring(colon + 1));
    }

    @Override
    public String toString() {
        return PREFIX + hostId + ":" + folder;
    }
}
