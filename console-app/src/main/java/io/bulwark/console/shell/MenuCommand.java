package io.bulwark.console.shell;

import io.bulwark.protocol.auth.Role;
import java.util.List;

/**
 * One entry of the main menu (the button left of the product name, as in Veeam's console).
 *
 * @param id     the menu item's node id, for tests and styling ({@code menu-traffic-rules})
 * @param title  what the entry reads ("Network Traffic Rules…")
 * @param role   the least role that sees the entry; the others do not get it at all
 * @param action runs on the FX thread when chosen; may open a modal window and wait
 */
public record MenuCommand(String id, String title, Role role, Runnable action) {
    /** An entry every logged-in user sees (the engine still refuses what the role may not do). */
    public MenuCommand(String id, String title, Runnable action) {
        this(id, title, Role.VIEWER, action);
    }

    /** The entries a user of {@code role} sees, in their order. */
    public static List<MenuCommand> visibleTo(Role role, List<MenuCommand> commands) {
        return commands.stream().filter(command -> role.includes(command.role())).toList();
    }
}
