package io.bulwark.protocol.inventory;

/** How a virtualization host's last inventory scan went. */
public enum ScanState {
    /** Added, not scanned yet. */
    PENDING,
    SCANNING,
    OK,
    /** Scanned, but some datastore could not be read; the message says which and why. */
    WARNING,
    /** The host could not be scanned at all; the inventory keeps what the last good scan found. */
    FAILED
}
