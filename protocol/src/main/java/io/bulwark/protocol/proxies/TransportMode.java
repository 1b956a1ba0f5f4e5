package io.bulwark.protocol.proxies;

/** How a proxy reads a source disk. */
public enum TransportMode {
    /** The best mode the proxy can use for each disk, in the order below. */
    AUTOMATIC,
    /** Read the disk file where the datastore is mounted on the proxy host. */
    DIRECT_STORAGE,
    /** The proxy runs on the host that owns the datastore and reads it locally. */
    VIRTUAL_APPLIANCE,
    /** Read over NBD from an export the engine starts on the host. */
    NETWORK
}
