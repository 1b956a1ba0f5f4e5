package io.bulwark.console.proxies;

import io.bulwark.protocol.servers.ServerView;

/**
 * A managed server as Add Proxy offers it: with the reason it cannot become a proxy, if there is
 * one, so the list can show it disabled and say why.
 */
public record ServerChoice(ServerView server, String unavailableBecause) {
    public boolean available() {
        return unavailableBecause == null;
    }

    /** How the server reads in the list. */
    public String label() {
        return server.name() + (server.name().equals(server.address()) ? "" : " (" + server.address() + ")")
                + (server.hardenedRepository() ? " [hardened repository: Network mode only]" : "")
                + (available() ? "" : " — " + unavailableBecause);
    }
}
