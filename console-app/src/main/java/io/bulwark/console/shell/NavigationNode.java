package io.bulwark.console.shell;

import io.bulwark.console.table.EntityTableViewModel;
import java.util.List;
import org.kordamp.ikonli.Ikon;

/**
 * One entry of the navigation pane: a view, or a group of views (Backup Infrastructure), which
 * opens its first view when chosen.
 */
public record NavigationNode(String title, Ikon icon, EntityTableViewModel<?> view, List<NavigationNode> children) {
    public static NavigationNode view(String title, Ikon icon, EntityTableViewModel<?> view) {
        return new NavigationNode(title, icon, view, List.of());
    }

    public static NavigationNode group(String title, Ikon icon, NavigationNode... children) {
        return new NavigationNode(title, icon, null, List.of(children));
    }

    /** The view this entry opens. */
    public EntityTableViewModel<?> target() {
        return view != null ? view : children.getFirst().target();
    }
}
