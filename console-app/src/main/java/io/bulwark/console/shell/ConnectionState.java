package io.bulwark.console.shell;

/** How the console's link to the engine is doing, as the status bar shows it. */
public enum ConnectionState {
    CONNECTED,
    LOST,
    RECONNECTED
}
