package io.bulwark.console.trafficrules;

import io.bulwark.console.common.BackgroundTask;
import io.bulwark.console.common.DialogService;
import io.bulwark.console.common.TaskExecutor;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.events.ChangeEvent;
import io.bulwark.protocol.trafficrules.TrafficRuleView;
import io.bulwark.protocol.trafficrules.TrafficSettings;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Network Traffic Rules dialog: the engine's rules, the one global setting (upload streams per
 * job), and Add, Edit and Remove. One per login; the dialog shows it while open, and it follows the
 * engine's changes only then.
 */
public final class TrafficRulesViewModel {
    public static final int MIN_STREAMS = 1;
    public static final int MAX_STREAMS = 32;

    private final TrafficRulesApi api;
    private final TaskExecutor tasks;
    private final DialogService dialogs;

    private final ObservableList<TrafficRuleView> rules = FXCollections.observableArrayList();
    private final ObjectProperty<TrafficRuleView> selected = new SimpleObjectProperty<>();
    private final ObjectProperty<Integer> uploadStreams = new SimpleObjectProperty<>(TrafficSettings.DEFAULTS.uploadStreams());
    /** False until the engine told its settings, so that the spinner cannot overwrite what it has not seen. */
    private final ReadOnlyBooleanWrapper settingsLoaded = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private int savedStreams = TrafficSettings.DEFAULTS.uploadStreams();
    private boolean open;

    public TrafficRulesViewModel(TrafficRulesApi api, TaskExecutor tasks, DialogService dialogs) {
        this.api = api;
        this.tasks = tasks;
        this.dialogs = dialogs;
        uploadStreams.addListener((observable, old, streams) -> saveStreams(streams));
    }

    /** The dialog opened: load the rules and the settings, and follow changes until {@link #closed()}. */
    public void opened() {
        open = true;
        settingsLoaded.set(false);
        reloadRules();
        tasks.execute(BackgroundTask.of("Loading the traffic settings", api::settings)
                .onSuccess(settings -> {
                    savedStreams = settings.uploadStreams();
                    uploadStreams.set(settings.uploadStreams());
                    settingsLoaded.set(true);
                })
                .onFailure(failure -> message.set("Cannot read the traffic settings: " + failure.getMessage())));
    }

    public void closed() {
        open = false;
    }

    public void onChange(ChangeEvent change) {
        if (open && ApiPaths.collection(ApiPaths.TRAFFIC_RULES).equals(change.collection())) {
            reloadRules();
        }
    }

    private void reloadRules() {
        tasks.execute(BackgroundTask.of("Loading the traffic rules", api::rules)
                .onSuccess(loaded -> {
                    Optional<UUID> keep = Optional.ofNullable(selected.get()).map(TrafficRuleView::id);
                    rules.setAll(loaded.stream().sorted(Comparator.comparing(TrafficRuleView::name,
                            String.CASE_INSENSITIVE_ORDER)).toList());
                    selected.set(keep.flatMap(id -> rules.stream().filter(rule -> rule.id().equals(id)).findFirst())
                            .orElse(null));
                })
                .onFailure(failure -> message.set("Cannot load the traffic rules: " + failure.getMessage())));
    }

    private void saveStreams(Integer streams) {
        if (!settingsLoaded.get() || streams == null || streams == savedStreams
                || streams < MIN_STREAMS || streams > MAX_STREAMS) {
            return;
        }
        savedStreams = streams;
        tasks.execute(BackgroundTask.of("Saving the traffic settings", () -> api.saveSettings(new TrafficSettings(streams)))
                .onSuccess(saved -> message.set(""))
                .onFailure(failure -> message.set("The upload streams were not saved: " + failure.getMessage())));
    }

    /** An editor for a new rule. */
    public TrafficRuleEditorViewModel newRule() {
        return new TrafficRuleEditorViewModel(api, tasks, null);
    }

    /** An editor for the selected rule, if one is selected. */
    public Optional<TrafficRuleEditorViewModel> editSelected() {
        return Optional.ofNullable(selected.get()).map(rule -> new TrafficRuleEditorViewModel(api, tasks, rule));
    }

    /** The editor saved a rule: show it now, before the engine's change event arrives. */
    public void saved(TrafficRuleView rule) {
        reloadRules();
        selected.set(rule);
    }

    public void removeSelected() {
        TrafficRuleView rule = selected.get();
        if (rule == null || !dialogs.showConfirmation("Remove the traffic rule '" + rule.name() + "'?",
                "Traffic between " + rule.sourceRange() + " and " + rule.targetRange()
                        + " is then neither throttled nor encrypted by this rule.", "Remove")) {
            return;
        }
        tasks.execute(BackgroundTask.of("Removing the traffic rule '" + rule.name() + "'", () -> {
                    api.delete(rule.id());
                    return rule;
                })
                .onSuccess(removed -> reloadRules())
                .onFailure(failure -> dialogs.showError("Cannot remove the traffic rule '" + rule.name() + "'",
                        failure.getMessage())));
    }

    public ObservableList<TrafficRuleView> rules() {
        return rules;
    }

    public ObjectProperty<TrafficRuleView> selectedProperty() {
        return selected;
    }

    /** How many data connections one job opens to a repository (1–32); saved on the engine as it changes. */
    public ObjectProperty<Integer> uploadStreamsProperty() {
        return uploadStreams;
    }

    public ReadOnlyBooleanProperty settingsLoadedProperty() {
        return settingsLoaded.getReadOnlyProperty();
    }

    /** What went wrong last, or empty. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
