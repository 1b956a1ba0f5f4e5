package io.bulwark.console.shell;

import io.bulwark.console.table.EntityTableViewModel;
import java.util.List;
import java.util.function.Supplier;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;

/**
 * One entry of the navigation pane: a view, or a group of views (Backup Infrastructure), which
 * opens its first view when chosen.
 *
 * @param content how the working area shows the view when a table will not do (the Inventory's
 *                tree), made once, on the FX thread; null for the usual table
 */
public record NavigationNode(String title, Ikon icon, EntityTableViewModel<?> view, List<NavigationNode> children,
                             Supplier<Node> content) {
    public static NavigationNode view(String title, Ikon icon, EntityTableViewModel<?> view) {
        return new NavigationNode(title, icon, view, List.of(), null);
    }

    /**
     * A view shown its own way. The ribbon still acts on {@code view} (its actions, Remove,
     * Properties, Refresh), so {@code content} keeps its selection there.
     */
    public static NavigationNode custom(String title, Ikon icon, EntityTableViewModel<?> view, Supplier<Node> content) {
        return new NavigationNode(title, icon, view, List.of(), content);
    }

    public static NavigationNode group(String title, Ikon icon, NavigationNode... children) {
        return new NavigationNode(title, icon, null, List.of(children), null);
    }

    /** The view this entry opens. */
    public EntityTableViewModel<?> target() {
        return view != null ? view : children.getFirst().target();
    }
}
