package io.bulwark.distribution;

/**
 * A "remote" host for the engine: a network namespace at {@code 10.213.70.2}, joined to this
 * machine ({@code 10.213.70.1}) by a veth pair. The test makes it and removes it; nothing in it
 * reaches any other address.
 */
final class RemoteNamespace implements AutoCloseable {
    static final String NAME = "bwpkg";
    static final String ADDRESS = "10.213.70.2";
    private static final String HOST_SIDE = "bwpkg0";
    private static final String INSIDE = "bwpkg1";

    private RemoteNamespace() {
    }

    static RemoteNamespace create() {
        Commands.tryRun("ip", "netns", "del", NAME);
        Commands.tryRun("ip", "link", "del", HOST_SIDE);
        Commands.run("ip", "netns", "add", NAME);
        RemoteNamespace namespace = new RemoteNamespace();
        try {
            Commands.run("ip", "link", "add", HOST_SIDE, "type", "veth", "peer", "name", INSIDE);
            Commands.run("ip", "link", "set", INSIDE, "netns", NAME);
            Commands.run("ip", "address", "add", "10.213.70.1/24", "dev", HOST_SIDE);
            Commands.run("ip", "link", "set", HOST_SIDE, "up");
            Commands.run("ip", "netns", "exec", NAME, "ip", "address", "add", ADDRESS + "/24", "dev", INSIDE);
            Commands.run("ip", "netns", "exec", NAME, "ip", "link", "set", INSIDE, "up");
            Commands.run("ip", "netns", "exec", NAME, "ip", "link", "set", "lo", "up");
            return namespace;
        } catch (RuntimeException e) {
            namespace.close();
            throw e;
        }
    }

    @Override
    public void close() {
        Commands.tryRun("ip", "link", "del", HOST_SIDE);
        Commands.tryRun("ip", "netns", "del", NAME);
    }
}
