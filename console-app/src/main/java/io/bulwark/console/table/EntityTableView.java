package io.bulwark.console.table;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import io.bulwark.protocol.EntityView;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** A sortable table of one entity type, with a title line; thin: all state is in the view-model. */
public final class EntityTableView<T extends EntityView> {
    private final VBox root;

    public EntityTableView(EntityTableViewModel<T> viewModel) {
        TableDefinition<T> definition = viewModel.definition();
        TableView<T> table = new TableView<>();
        table.setId(definition.title().toLowerCase(Locale.ROOT).replace(' ', '-') + "-table");
        table.getStyleClass().addAll(Styles.STRIPED, Tweaks.EDGE_TO_EDGE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        definition.columns().forEach(column -> table.getColumns().add(column(column)));
        table.getSortOrder().add(table.getColumns().getFirst());

        SortedList<T> sorted = new SortedList<>(viewModel.rows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);

        Label placeholder = new Label();
        placeholder.textProperty().bind(viewModel.placeholderProperty());
        placeholder.setWrapText(true);
        table.setPlaceholder(placeholder);

        bindSelection(table, viewModel);
        table.setContextMenu(contextMenu(viewModel));
        table.setRowFactory(tableView -> {
            TableRow<T> row = new TableRow<>();
            row.setOnMouseClicked(event -> {
                if (event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2 && !row.isEmpty()) {
                    viewModel.open();
                }
            });
            return row;
        });

        Label title = new Label(definition.title());
        title.getStyleClass().add(Styles.TITLE_4);
        Label count = new Label();
        count.getStyleClass().add(Styles.TEXT_MUTED);
        count.textProperty().bind(Bindings.createStringBinding(
                () -> viewModel.rows().size() == 1 ? "1 item" : viewModel.rows().size() + " items", viewModel.rows()));
        HBox header = new HBox(10, title, count);
        header.getStyleClass().add("view-header");

        VBox.setVgrow(table, Priority.ALWAYS);
        root = new VBox(header, table);
        root.getStyleClass().add("entity-view");
    }

    public Node node() {
        return root;
    }

    /** Table selection and view-model selection follow each other, so a reload keeps the selected row. */
    private static <T extends EntityView> void bindSelection(TableView<T> table, EntityTableViewModel<T> viewModel) {
        table.getSelectionModel().selectedItemProperty().addListener(
                (observable, old, row) -> viewModel.selectedProperty().set(row));
        viewModel.selectedProperty().addListener((observable, old, row) -> {
            if (row != table.getSelectionModel().getSelectedItem()) {
                if (row == null) {
                    table.getSelectionModel().clearSelection();
                } else {
                    table.getSelectionModel().select(row);
                }
            }
        });
    }

    /** The view's actions, then Remove and Properties: what the ribbon offers, at the row. */
    private static <T extends EntityView> ContextMenu contextMenu(EntityTableViewModel<T> viewModel) {
        ContextMenu menu = new ContextMenu();
        for (RowAction<T> action : viewModel.actions()) {
            MenuItem item = new MenuItem(action.text());
            item.setId("menu-" + action.id());
            item.setOnAction(event -> viewModel.run(action));
            item.disableProperty().bind(Bindings.createBooleanBinding(() -> !viewModel.canRun(action),
                    viewModel.selectedProperty()));
            menu.getItems().add(item);
        }
        if (!menu.getItems().isEmpty()) {
            menu.getItems().add(new SeparatorMenuItem());
        }
        if (viewModel.definition().removable()) {
            MenuItem remove = new MenuItem("Remove");
            remove.setId("menu-remove");
            remove.setOnAction(event -> viewModel.removeSelected());
            remove.disableProperty().bind(viewModel.selectedProperty().isNull());
            menu.getItems().add(remove);
        }
        MenuItem properties = new MenuItem("Properties");
        properties.setId("menu-properties");
        properties.setOnAction(event -> viewModel.showProperties());
        properties.disableProperty().bind(viewModel.selectedProperty().isNull());
        menu.getItems().add(properties);
        return menu;
    }

    private static <T, V> TableColumn<T, V> column(Column<T, V> spec) {
        TableColumn<T, V> column = new TableColumn<>(spec.title());
        column.setPrefWidth(spec.width());
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(spec.value().apply(cell.getValue())));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(V item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : spec.text().apply(item));
                T row = empty ? null : getTableRow().getItem();
                String detail = row == null || spec.detail() == null ? null : spec.detail().apply(row);
                setTooltip(detail == null || detail.isBlank() ? null : new Tooltip(detail));
            }
        });
        return column;
    }
}
