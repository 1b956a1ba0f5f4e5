package io.bulwark.console.trafficrules;

/**
 * Post this on the session's {@code EventBus} to open the Network Traffic Rules dialog over the
 * window in front, as the main menu does (the Add Proxy wizard's "Manage…" link posts it). The
 * dialog is modal and shows the engine's rules as they are when it opens; a rule changed in it is
 * on the engine as soon as the rule editor's OK is accepted.
 */
public record OpenTrafficRules() {
}
