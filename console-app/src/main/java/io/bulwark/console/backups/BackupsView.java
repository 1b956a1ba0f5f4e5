package io.bulwark.console.backups;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import io.bulwark.console.common.Formats;
import io.bulwark.protocol.backups.BackupHealth;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
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
 * Backups: jobs → VMs → restore points in a tree table with created time, size, repository and
 * health. Thin: it mirrors {@link BackupsViewModel#jobsProperty()} and keeps what the admin opened
 * and chose across reloads.
 */
public final class BackupsView {
    private final BackupsViewModel viewModel;
    private final TreeTableView<BackupNode> tree = new TreeTableView<>();
    /** Lines the admin opened or closed against the default (jobs open, VMs closed). */
    private final Set<String> toggled = new HashSet<>();
    private final VBox root;

    public BackupsView(BackupsViewModel viewModel) {
        this.viewModel = viewModel;
        tree.setId("backups-tree");
        tree.setShowRoot(false);
        tree.getStyleClass().addAll(Styles.STRIPED, Tweaks.EDGE_TO_EDGE);
        tree.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        tree.getColumns().addAll(List.of(
                column("Name", 260, BackupsView::name),
                column("Created", 160, node -> Formats.instant(node.created())),
                column("Restore points", 110, node -> node.kind() == BackupNode.Kind.POINT ? ""
                        : String.valueOf(node.points())),
                column("Size", 100, node -> Formats.bytes(node.sizeBytes())),
                column("Repository", 200, BackupNode::repository),
                healthColumn()));
        Label placeholder = new Label();
        placeholder.setWrapText(true);
        placeholder.textProperty().bind(viewModel.placeholderProperty());
        tree.setPlaceholder(placeholder);
        tree.setRowFactory(view -> {
            TreeTableRow<BackupNode> row = new TreeTableRow<>();
            row.setOnMouseClicked(event -> {
                if (event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2 && !row.isEmpty()
                        && row.getItem().kind() != BackupNode.Kind.JOB) {
                    viewModel.showProperties();
                }
            });
            return row;
        });
        tree.setContextMenu(contextMenu());
        tree.getSelectionModel().selectedItemProperty().addListener((observable, old, item) -> {
            BackupNode chosen = item == null ? null : item.getValue();
            if (chosen != viewModel.selectedProperty().get()) {
                viewModel.selectedProperty().set(chosen);
            }
        });
        viewModel.jobsProperty().subscribe(this::show);

        Label title = new Label("Backups");
        title.getStyleClass().add(Styles.TITLE_4);
        Label count = new Label();
        count.getStyleClass().add(Styles.TEXT_MUTED);
        count.textProperty().bind(viewModel.jobsProperty().map(jobs -> {
            long vms = jobs.stream().mapToLong(job -> job.children().size()).sum();
            int points = jobs.stream().mapToInt(BackupNode::points).sum();
            return vms + (vms == 1 ? " VM, " : " VMs, ") + points + (points == 1 ? " restore point" : " restore points");
        }));
        HBox header = new HBox(10, title, count);
        header.getStyleClass().add("view-header");
        VBox.setVgrow(tree, Priority.ALWAYS);
        root = new VBox(header, tree);
        root.getStyleClass().add("entity-view");
    }

    public Node node() {
        return root;
    }

    private void show(List<BackupNode> jobs) {
        TreeItem<BackupNode> top = new TreeItem<>();
        jobs.forEach(job -> top.getChildren().add(item(job)));
        tree.setRoot(top);
        BackupNode chosen = viewModel.selectedProperty().get();
        if (chosen != null) {
            select(top, chosen.key());
        }
    }

    private TreeItem<BackupNode> item(BackupNode node) {
        TreeItem<BackupNode> item = new TreeItem<>(node, new FontIcon(switch (node.kind()) {
            case JOB -> Material2AL.FOLDER_OPEN;
            case VM -> Material2AL.COMPUTER;
            case POINT -> Material2MZ.RESTORE;
        }));
        node.children().forEach(child -> item.getChildren().add(item(child)));
        item.setExpanded(openByDefault(node) != toggled.contains(node.key()));
        item.expandedProperty().addListener((observable, was, open) -> {
            if (open == openByDefault(node)) {
                toggled.remove(node.key());
            } else {
                toggled.add(node.key());
            }
        });
        return item;
    }

    private static boolean openByDefault(BackupNode node) {
        return node.kind() == BackupNode.Kind.JOB;
    }

    private boolean select(TreeItem<BackupNode> parent, String key) {
        for (TreeItem<BackupNode> item : parent.getChildren()) {
            if (item.getValue().key().equals(key)) {
                tree.getSelectionModel().select(item);
                return true;
            }
            if (select(item, key)) {
                return true;
            }
        }
        return false;
    }

    private ContextMenu contextMenu() {
        MenuItem restore = new MenuItem("Restore…");
        restore.setId("menu-backups-restore");
        restore.setOnAction(event -> viewModel.restoreSelected());
        restore.disableProperty().bind(viewModel.selectedProperty().map(node -> node.kind() == BackupNode.Kind.JOB)
                .orElse(true));
        MenuItem properties = new MenuItem("Properties");
        properties.setOnAction(event -> viewModel.showProperties());
        properties.disableProperty().bind(restore.disableProperty());
        return new ContextMenu(restore, properties);
    }

    private static String name(BackupNode node) {
        return node.kind() == BackupNode.Kind.POINT ? Formats.instant(node.created()) : node.name();
    }

    private static TreeTableColumn<BackupNode, String> column(String title, double width,
                                                              Function<BackupNode, String> value) {
        TreeTableColumn<BackupNode, String> column = new TreeTableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().getValue() == null ? ""
                : value.apply(cell.getValue().getValue())));
        return column;
    }

    /** Health, with what it means as a tooltip; a damaged backup stands out. */
    private static TreeTableColumn<BackupNode, String> healthColumn() {
        TreeTableColumn<BackupNode, String> column = column("Health", 110, node -> Formats.label(node.health()));
        column.setCellFactory(c -> new TreeTableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                BackupNode node = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(empty ? null : text);
                getStyleClass().remove(Styles.DANGER);
                if (node == null) {
                    setTooltip(null);
                    return;
                }
                if (node.health() == BackupHealth.DAMAGED) {
                    getStyleClass().add(Styles.DANGER);
                }
                setTooltip(new Tooltip(switch (node.health()) {
                    case UNVERIFIED -> "No health check has read this back yet.";
                    case HEALTHY -> "The last health check read back every block and it matched.";
                    case DAMAGED -> "The last health check found missing or damaged blocks: restoring from it will fail.";
                }));
            }
        });
        return column;
    }
}
