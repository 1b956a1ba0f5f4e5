package io.bulwark.console.table;

import io.bulwark.console.common.BackgroundTask;
import io.bulwark.console.common.DialogService;
import io.bulwark.console.common.EventBus;
import io.bulwark.console.common.TaskExecutor;
import io.bulwark.console.connection.ConnectionEvents.StreamOpened;
import io.bulwark.protocol.EntityView;
import io.bulwark.protocol.events.ChangeEvent;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The state of one table view: its rows, kept current from the engine's change events, the
 * selected row, and the actions on it. One class for every view; a {@link TableDefinition} says
 * what differs.
 */
public final class EntityTableViewModel<T extends EntityView> {
    private final TableDefinition<T> definition;
    private final String plural;
    private final EntitySource<T> source;
    private final TaskExecutor tasks;
    private final DialogService dialogs;

    private final ObservableList<T> rows = FXCollections.observableArrayList();
    private final ObjectProperty<T> selected = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper("Loading…");
    private boolean reloadWanted;
    private List<RowAction<T>> actions = List.of();
    private RowAction<T> openAction;

    public EntityTableViewModel(TableDefinition<T> definition, EntitySource<T> source, TaskExecutor tasks,
                                DialogService dialogs, EventBus bus) {
        this.definition = definition;
        this.plural = definition.title().toLowerCase(Locale.ROOT);
        this.source = source;
        this.tasks = tasks;
        this.dialogs = dialogs;
        bus.subscribe(ChangeEvent.class, change -> {
            if (definition.watches().contains(change.collection())) {
                reload();
            }
        });
        // Whatever changed while the stream was down was not heard of; read it all again.
        bus.subscribe(StreamOpened.class, opened -> reload());
    }

    /** Reads the rows again. A burst of changes while a load runs costs one more load, not one each. */
    public void reload() {
        if (loading.get()) {
            reloadWanted = true;
            return;
        }
        loading.set(true);
        tasks.execute(BackgroundTask.of("Loading " + plural, source::list)
                .onSuccess(this::show)
                .onFailure(this::loadFailed));
    }

    private void show(List<T> loaded) {
        T previous = selected.get();
        rows.setAll(loaded);
        placeholder.set("No " + plural + " yet.");
        selected.set(previous == null ? null
                : loaded.stream().filter(row -> row.id().equals(previous.id())).findFirst().orElse(null));
        loaded();
    }

    private void loadFailed(Exception failure) {
        // The rows stay as they were: stale is better than empty, and the status bar says why.
        placeholder.set("Cannot load " + plural + ": " + message(failure));
        loaded();
    }

    private void loaded() {
        loading.set(false);
        if (reloadWanted) {
            reloadWanted = false;
            reload();
        }
    }

    /** The view's own actions (Add Server…, Rescan), for the ribbon and the context menu. */
    public void setActions(List<RowAction<T>> actions) {
        this.actions = List.copyOf(actions);
    }

    public List<RowAction<T>> actions() {
        return actions;
    }

    public boolean canRun(RowAction<T> action) {
        return action.enabledFor().test(selected.get());
    }

    public void run(RowAction<T> action) {
        if (canRun(action)) {
            action.run().accept(selected.get());
        }
    }

    /**
     * What a double-click on a row does, when not Properties: History opens the session's
     * statistics, as in Veeam's console.
     */
    public void setOpenAction(RowAction<T> action) {
        this.openAction = action;
    }

    /** A row was double-clicked: its open action, or else its properties. */
    public void open() {
        if (openAction != null && canRun(openAction)) {
            run(openAction);
        } else {
            showProperties();
        }
    }

    /** Removes the selected row from the engine, after the admin confirmed. */
    public void removeSelected() {
        T row = selected.get();
        if (row == null || !definition.removable()) {
            return;
        }
        String what = "the " + definition.singular() + " '" + row.name() + "'";
        if (!dialogs.showConfirmation("Remove " + what + "?",
                "Bulwark will forget " + what + ". This cannot be undone.", "Remove")) {
            return;
        }
        tasks.execute(BackgroundTask.<Void>of("Removing " + what, () -> {
                    source.delete(row.id());
                    return null;
                })
                .onSuccess(done -> reload())
                .onFailure(failure -> dialogs.showError("Cannot remove " + what, message(failure))));
    }

    /** Shows the selected row's properties, read-only. */
    public void showProperties() {
        T row = selected.get();
        if (row != null) {
            dialogs.showDetails(row.name(), definition.details().apply(row));
        }
    }

    private static String message(Exception failure) {
        return Objects.requireNonNullElse(failure.getMessage(), failure.toString());
    }

    public TableDefinition<T> definition() {
        return definition;
    }

    public ObservableList<T> rows() {
        return rows;
    }

    public ObjectProperty<T> selectedProperty() {
        return selected;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty placeholderProperty() {
        return placeholder.getReadOnlyProperty();
    }
}
