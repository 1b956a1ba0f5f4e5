package io.bulwark.protocol.proxies;

/** How a proxy reads a source disk. */
public enum TransportMode {
    /** The best mode the proxy can use for each disk, in the order below. */
    AUTOMATIC("Automatic selection"),
    /** Read the disk file where the datastore is mounted on the proxy host. */
    DIRECT_STORAGE("Direct storage access"),
    /** The proxy runs on the host that owns the datastore and reads it locally. */
    VIRTUAL_APPLIANCE("Virtual appliance"),
    /** Read over NBD from an export the engine starts on the host. */
    NETWORK("Network");

    private final String title;

    TransportMode(String title) {
        this.title = title;
    }

    /** The mode as admins know it from the console and the engine's messages. */
    public String title() {
        return title;
    }
}
