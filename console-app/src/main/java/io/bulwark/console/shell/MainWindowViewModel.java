package io.bulwark.console.shell;

import io.bulwark.console.table.EntityTableViewModel;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The main window: which view the navigation pane has open, and the ribbon's actions on it. The
 * actions always act on the open view, so the ribbon never needs to know which one it is.
 */
public final class MainWindowViewModel {
    private final String title;
    private final List<NavigationNode> navigation;
    private final StatusBarViewModel statusBar;
    private final List<MenuCommand> mainMenu;
    private final ReadOnlyObjectWrapper<EntityTableViewModel<?>> openView = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper rowSelected = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper removable = new ReadOnlyBooleanWrapper();

    public MainWindowViewModel(String title, List<NavigationNode> navigation, StatusBarViewModel statusBar,
                               List<MenuCommand> mainMenu) {
        this.title = title;
        this.navigation = List.copyOf(navigation);
        this.statusBar = statusBar;
        this.mainMenu = List.copyOf(mainMenu);
        navigate(navigation.getFirst());
    }

    public void navigate(NavigationNode node) {
        EntityTableViewModel<?> view = node.target();
        openView.set(view);
        rowSelected.bind(view.selectedProperty().isNotNull());
        removable.set(view.definition().removable());
    }

    public void refresh() {
        openView.get().reload();
    }

    public void removeSelected() {
        openView.get().removeSelected();
    }

    public void showProperties() {
        openView.get().showProperties();
    }

    public String title() {
        return title;
    }

    public List<NavigationNode> navigation() {
        return navigation;
    }

    public List<MenuCommand> mainMenu() {
        return mainMenu;
    }

    public StatusBarViewModel statusBar() {
        return statusBar;
    }

    public ReadOnlyObjectProperty<EntityTableViewModel<?>> openViewProperty() {
        return openView.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty rowSelectedProperty() {
        return rowSelected.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty removableProperty() {
        return removable.getReadOnlyProperty();
    }
}
