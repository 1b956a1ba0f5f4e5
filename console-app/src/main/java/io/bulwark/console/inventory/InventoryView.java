package io.bulwark.console.inventory;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import io.bulwark.console.common.Formats;
import io.bulwark.console.table.EntityTableViewModel;
import io.bulwark.console.table.RowAction;
import io.bulwark.protocol.inventory.VirtualizationHostView;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * Inventory: hosts → datastores → VMs → disks in a tree table, with sizes, format, power and scan
 * state. Thin: it mirrors {@link InventoryViewModel#treesProperty()} and keeps what the admin had
 * expanded and selected across reloads.
 */
public final class InventoryView {
    private final InventoryViewModel viewModel;
    private final TreeTableView<InventoryItem> table = new TreeTableView<>();
    /** The lines the admin opened or closed against {@link #openByDefault}, kept across reloads. */
    private final Set<String> toggled = new HashSet<>();
    private final VBox root;

    public InventoryView(InventoryViewModel viewModel) {
        this.viewModel = viewModel;
        table.setId("inventory-tree");
        table.setShowRoot(false);
        table.getStyleClass().addAll(Styles.STRIPED, Tweaks.EDGE_TO_EDGE);
        table.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().addAll(List.of(
                column("Name", 280, InventoryItem::name),
                column("Type", 130, InventoryItem::type),
                column("Capacity", 100, item -> Formats.bytes(item.capacityBytes())),
                column("Allocated", 100, item -> Formats.bytes(item.allocatedBytes())),
                column("Format", 70, InventoryItem::format),
                column("State", 120, InventoryItem::state),
                column("Details", 320, InventoryItem::details)));
        Label placeholder = new Label();
        placeholder.setWrapText(true);
        placeholder.textProperty().bind(viewModel.placeholderProperty());
        table.setPlaceholder(placeholder);
        table.setRowFactory(view -> {
            TreeTableRow<InventoryItem> row = new TreeTableRow<>();
            row.setOnMouseClicked(event -> {
                if (event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2 && !row.isEmpty()
                        && row.getItem() instanceof InventoryItem.Host) {
                    viewModel.showProperties();
                }
            });
            return row;
        });

        table.setContextMenu(contextMenu(viewModel.hosts()));
        table.getSelectionModel().selectedItemProperty().addListener((observable, old, item) ->
                viewModel.selectedProperty().set(item == null ? null : item.getValue()));
        viewModel.treesProperty().subscribe(this::show);

        Label title = new Label("Inventory");
        title.getStyleClass().add(Styles.TITLE_4);
        Label count = new Label();
        count.getStyleClass().add(Styles.TEXT_MUTED);
        count.textProperty().bind(Bindings.createStringBinding(() -> {
            int vms = InventoryTree.vms(viewModel.treesProperty().get()).size();
            int hosts = viewModel.treesProperty().get().size();
            return hosts + (hosts == 1 ? " host, " : " hosts, ") + vms + (vms == 1 ? " VM" : " VMs");
        }, viewModel.treesProperty()));
        HBox header = new HBox(10, title, count);
        header.getStyleClass().add("view-header");
        VBox.setVgrow(table, Priority.ALWAYS);
        root = new VBox(header, table);
        root.getStyleClass().add("entity-view");
    }

    public Node node() {
        return root;
    }

    private void show(List<InventoryTree> trees) {
        String selectedKey = viewModel.selectedProperty().get() == null ? null
                : viewModel.selectedProperty().get().key();
        TreeItem<InventoryItem> newRoot = new TreeItem<>();
        trees.forEach(tree -> newRoot.getChildren().add(item(tree)));
        table.setRoot(newRoot);
        if (selectedKey != null) {
            select(newRoot, selectedKey);
        }
    }

    private TreeItem<InventoryItem> item(InventoryTree tree) {
        TreeItem<InventoryItem> item = new TreeItem<>(tree.item(), new FontIcon(icon(tree.item())));
        String key = tree.item().key();
        item.setExpanded(openByDefault(tree.item()) != toggled.contains(key));
        item.expandedProperty().addListener((observable, was, open) -> {
            if (open == openByDefault(tree.item())) {
                toggled.remove(key);
            } else {
                toggled.add(key);
            }
        });
        tree.children().forEach(child -> item.getChildren().add(item(child)));
        return item;
    }

    /** Everything open down to the VMs, as an admin wants to see them; a VM's disks on demand. */
    private static boolean openByDefault(InventoryItem line) {
        return !(line instanceof InventoryItem.Vm);
    }

    private boolean select(TreeItem<InventoryItem> parent, String key) {
        for (TreeItem<InventoryItem> child : parent.getChildren()) {
            if (child.getValue().key().equals(key)) {
                table.getSelectionModel().select(child);
                return true;
            }
            if (select(child, key)) {
                return true;
            }
        }
        return false;
    }

    /** The ribbon's actions at the line, as the tables have them: on the line's host. */
    private static ContextMenu contextMenu(EntityTableViewModel<VirtualizationHostView> hosts) {
        ContextMenu menu = new ContextMenu();
        for (RowAction<VirtualizationHostView> action : hosts.actions()) {
            MenuItem item = new MenuItem(action.text());
            item.setId("menu-" + action.id());
            item.setOnAction(event -> hosts.run(action));
            item.disableProperty().bind(Bindings.createBooleanBinding(() -> !hosts.canRun(action),
                    hosts.selectedProperty()));
            menu.getItems().add(item);
        }
        menu.getItems().add(new SeparatorMenuItem());
        MenuItem remove = new MenuItem("Remove");
        remove.setId("menu-remove");
        remove.setOnAction(event -> hosts.removeSelected());
        remove.disableProperty().bind(hosts.selectedProperty().isNull());
        MenuItem properties = new MenuItem("Properties");
        properties.setId("menu-properties");
        properties.setOnAction(event -> hosts.showProperties());
        properties.disableProperty().bind(hosts.selectedProperty().isNull());
        menu.getItems().addAll(remove, properties);
        return menu;
    }

    private static org.kordamp.ikonli.Ikon icon(InventoryItem item) {
        return switch (item) {
            case InventoryItem.Host host -> Material2AL.DNS;
            case InventoryItem.Datastore datastore -> Material2MZ.STORAGE;
            case InventoryItem.Vm vm -> Material2AL.COMPUTER;
            case InventoryItem.Disk disk -> Material2AL.ALBUM;
        };
    }

    private static TreeTableColumn<InventoryItem, String> column(String title, double width,
                                                                 Function<InventoryItem, String> value) {
        TreeTableColumn<InventoryItem, String> column = new TreeTableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().getValue() == null ? null
                : value.apply(cell.getValue().getValue())));
        column.setCellFactory(c -> new TreeTableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setTooltip(empty || text == null || text.length() < 40 ? null : new Tooltip(text));
            }
        });
        return column;
    }
}
