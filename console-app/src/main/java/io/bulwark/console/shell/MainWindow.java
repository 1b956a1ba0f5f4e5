package io.bulwark.console.shell;

import atlantafx.base.theme.Styles;
import io.bulwark.assets.BulwarkAssets;
import io.bulwark.console.common.ConsoleTheme;
import io.bulwark.console.table.EntityTableView;
import io.bulwark.console.table.EntityTableViewModel;
import io.bulwark.protocol.EntityView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * The main window, laid out as admins know it from Veeam's console: the ribbon with the actions
 * of the open view on top, the navigation pane on the left, the working area in the middle, the
 * status bar at the bottom.
 */
public final class MainWindow {
    public static final double WIDTH = 1280;
    public static final double HEIGHT = 800;

    private final MainWindowViewModel viewModel;
    private final StatusBar statusBar;
    private final Map<EntityTableViewModel<?>, Node> views = new HashMap<>();
    /** The views that are not shown as a table, and how they are shown. */
    private final Map<EntityTableViewModel<?>, Supplier<Node>> customViews = new HashMap<>();
    private final StackPane workArea = new StackPane();

    public MainWindow(MainWindowViewModel viewModel, Stage stage) {
        this.viewModel = viewModel;
        this.statusBar = new StatusBar(viewModel.statusBar());
        collectCustomViews(viewModel.navigation());
        BorderPane root = new BorderPane(workArea, ribbon(), null, statusBar.node(), navigation());
        root.getStyleClass().add("main-window");
        workArea.getStyleClass().add("work-area");
        viewModel.openViewProperty().subscribe(this::open);
        stage.setTitle(viewModel.title());
        ConsoleTheme.apply(stage, new Scene(root, WIDTH, HEIGHT));
    }

    /** Stops the window's timers; the stage is the caller's to hide. */
    public void dispose() {
        statusBar.stop();
    }

    private void open(EntityTableViewModel<?> view) {
        workArea.getChildren().setAll(views.computeIfAbsent(view, opened -> customViews.containsKey(opened)
                ? customViews.get(opened).get() : tableView(opened)));
    }

    private void collectCustomViews(List<NavigationNode> nodes) {
        for (NavigationNode node : nodes) {
            if (node.content() != null) {
                customViews.put(node.view(), node.content());
            }
            collectCustomViews(node.children());
        }
    }

    private static <T extends EntityView> Node tableView(EntityTableViewModel<T> view) {
        return new EntityTableView<>(view).node();
    }

    private HBox ribbon() {
        ImageView logo = new ImageView(new Image(BulwarkAssets.applicationIcon(32)));
        Label product = new Label("Bulwark", logo);
        product.getStyleClass().addAll("brand", Styles.TITLE_4);

        Button remove = ribbonButton("Remove", "ribbon-remove", Material2AL.DELETE_OUTLINE);
        remove.setOnAction(event -> viewModel.removeSelected());
        remove.disableProperty().bind(viewModel.rowSelectedProperty().not());
        remove.visibleProperty().bind(viewModel.removableProperty());
        remove.managedProperty().bind(remove.visibleProperty());
        Button properties = ribbonButton("Properties", "ribbon-properties", Material2AL.INFO);
        properties.setOnAction(event -> viewModel.showProperties());
        properties.disableProperty().bind(viewModel.rowSelectedProperty().not());
        Button refresh = ribbonButton("Refresh", "ribbon-refresh", Material2MZ.REFRESH);
        refresh.setOnAction(event -> viewModel.refresh());

        // The open view's own actions (Add Server…, Rescan, Upgrade, Retry) come first, as in Veeam's ribbon.
        HBox viewActions = new HBox(2);
        VBox actionsGroup = ribbonGroup("Actions", viewActions);
        Separator actionsSeparator = new Separator(Orientation.VERTICAL);
        viewModel.openViewProperty().subscribe(view -> {
            viewActions.getChildren().setAll(actionButtons(view));
            actionsGroup.setVisible(!viewActions.getChildren().isEmpty());
            actionsGroup.setManaged(actionsGroup.isVisible());
            actionsSeparator.setVisible(actionsGroup.isVisible());
            actionsSeparator.setManaged(actionsGroup.isVisible());
        });

        HBox ribbon = new HBox(mainMenu(), product, actionsSeparator, actionsGroup, new Separator(Orientation.VERTICAL),
                ribbonGroup("Manage", remove, properties), new Separator(Orientation.VERTICAL),
                ribbonGroup("View", refresh));
        ribbon.getStyleClass().add("ribbon");
        ribbon.setAlignment(Pos.CENTER_LEFT);
        return ribbon;
    }

    private static <T extends EntityView> List<Button> actionButtons(EntityTableViewModel<T> view) {
        if (view == null) {
            return List.of();
        }
        return view.actions().stream().map(action -> {
            Button button = ribbonButton(action.text(), action.id(), action.icon());
            button.setOnAction(event -> view.run(action));
            button.disableProperty().bind(Bindings.createBooleanBinding(() -> !view.canRun(action),
                    view.selectedProperty()));
            return button;
        }).toList();
    }

    private MenuButton mainMenu() {
        MenuButton menu = new MenuButton(null, new FontIcon(Material2MZ.MENU));
        menu.setId("main-menu");
        menu.getStyleClass().addAll(Styles.FLAT, Styles.BUTTON_ICON);
        for (MenuCommand command : viewModel.mainMenu()) {
            MenuItem item = new MenuItem(command.title());
            item.setId(command.id());
            item.setOnAction(event -> command.action().run());
            menu.getItems().add(item);
        }
        return menu;
    }

    private static Button ribbonButton(String text, String id, Ikon icon) {
        Button button = new Button(text, new FontIcon(icon));
        button.setId(id);
        button.setContentDisplay(ContentDisplay.TOP);
        button.getStyleClass().addAll("ribbon-button", Styles.FLAT);
        return button;
    }

    private static VBox ribbonGroup(String name, Button... buttons) {
        return ribbonGroup(name, new HBox(2, buttons));
    }

    private static VBox ribbonGroup(String name, HBox buttons) {
        Label caption = new Label(name);
        caption.getStyleClass().add("ribbon-group-caption");
        VBox group = new VBox(2, buttons, caption);
        group.getStyleClass().add("ribbon-group");
        group.setAlignment(Pos.BOTTOM_CENTER);
        return group;
    }

    private TreeView<NavigationNode> navigation() {
        TreeItem<NavigationNode> root = new TreeItem<>();
        Map<EntityTableViewModel<?>, TreeItem<NavigationNode>> items = new HashMap<>();
        viewModel.navigation().forEach(node -> root.getChildren().add(treeItem(node, items)));
        TreeView<NavigationNode> tree = new TreeView<>(root);
        tree.setId("navigation");
        tree.getStyleClass().add("navigation");
        tree.setShowRoot(false);
        tree.setPrefWidth(250);
        tree.setCellFactory(view -> new TreeCell<>() {
            @Override
            protected void updateItem(NavigationNode node, boolean empty) {
                super.updateItem(node, empty);
                setText(empty || node == null ? null : node.title());
                setGraphic(empty || node == null ? null : new FontIcon(node.icon()));
            }
        });
        tree.getSelectionModel().selectedItemProperty().addListener((observable, old, item) -> {
            if (item != null) {
                viewModel.navigate(item.getValue());
            }
        });
        // A group opens its first view; the tree then marks that view, not the group.
        viewModel.openViewProperty().subscribe(view -> {
            TreeItem<NavigationNode> item = items.get(view);
            if (item != null && tree.getSelectionModel().getSelectedItem() != item) {
                tree.getSelectionModel().select(item);
            }
        });
        return tree;
    }

    private static TreeItem<NavigationNode> treeItem(NavigationNode node,
                                                     Map<EntityTableViewModel<?>, TreeItem<NavigationNode>> items) {
        TreeItem<NavigationNode> item = new TreeItem<>(node);
        item.setExpanded(true);
        node.children().forEach(child -> item.getChildren().add(treeItem(child, items)));
        if (node.view() != null) {
            items.put(node.view(), item);
        }
        return item;
    }
}
