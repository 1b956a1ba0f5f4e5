package io.bulwark.console.shell;

/**
 * One entry of the main menu (the button left of the product name, as in Veeam's console).
 *
 * @param id     the menu item's node id, for tests and styling ({@code menu-traffic-rules})
 * @param title  what the entry reads ("Network Traffic Rules…")
 * @param action runs on the FX thread when chosen; may open a modal window and wait
 */
public record MenuCommand(String id, String title, Runnable action) {
}
