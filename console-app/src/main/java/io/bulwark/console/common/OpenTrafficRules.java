package io.bulwark.console.common;

/**
 * Published on the {@link EventBus} when an admin asks to manage the network traffic rules (the
 * "Manage…" link of Add Proxy); the Network Traffic Rules dialog answers it. The asker does not
 * need to know that dialog, nor whether it is there.
 */
public record OpenTrafficRules() {
}
