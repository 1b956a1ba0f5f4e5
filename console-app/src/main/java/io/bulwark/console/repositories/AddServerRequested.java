package io.bulwark.console.repositories;

/**
 * Posted on the session's {@code EventBus} when the admin clicks "Add New…" beside the server list
 * of the Add Repository wizard. The New Linux Server wizard answers it by opening itself over the
 * window in front. Nothing is sent back: a server that gets added reaches the Add Repository wizard
 * the way it reaches every view, through the engine's change events, and shows up in its list.
 *
 * @param purpose what the new server is for, as a sentence names it ("backup repository"), for the
 *                answering wizard's header
 */
public record AddServerRequested(String purpose) {
}
