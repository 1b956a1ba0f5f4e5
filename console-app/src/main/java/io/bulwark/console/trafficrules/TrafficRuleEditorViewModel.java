package io.bulwark.console.trafficrules;

import io.bulwark.console.common.BackgroundTask;
import io.bulwark.console.common.TaskExecutor;
import io.bulwark.console.connection.EngineRefusedException;
import io.bulwark.protocol.trafficrules.Throttle;
import io.bulwark.protocol.trafficrules.ThrottleUnit;
import io.bulwark.protocol.trafficrules.TrafficRuleRequest;
import io.bulwark.protocol.trafficrules.TrafficRuleView;
import io.bulwark.protocol.trafficrules.TrafficSchedule;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

/**
 * One traffic rule being added or changed: its fields, whether OK may save it (and if not, why),
 * and the save itself. The engine is the judge of the ranges; what it refuses is shown beside
 * the field it names.
 */
public final class TrafficRuleEditorViewModel {
    public static final int DEFAULT_THROTTLE = 10;
    public static final int MAX_THROTTLE = 1_000_000;

    /** The request's field names, as the engine names them in its errors. */
    public static final String NAME = "name";
    public static final String SOURCE = "sourceRange";
    public static final String TARGET = "targetRange";
    public static final String THROTTLE = "throttle";
    public static final String SCHEDULE = "schedule";

    private final TrafficRulesApi api;
    private final TaskExecutor tasks;
    private final TrafficRuleView existing;

    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty sourceRange = new SimpleStringProperty("");
    private final StringProperty targetRange = new SimpleStringProperty("");
    private final BooleanProperty targetAnyPublic = new SimpleBooleanProperty();
    private final BooleanProperty encrypt = new SimpleBooleanProperty();
    private final BooleanProperty throttleEnabled = new SimpleBooleanProperty();
    private final ObjectProperty<Integer> throttleValue = new SimpleObjectProperty<>(DEFAULT_THROTTLE);
    private final ObjectProperty<ThrottleUnit> throttleUnit = new SimpleObjectProperty<>(ThrottleUnit.MBIT_PER_SEC);
    private final BooleanProperty always = new SimpleBooleanProperty(true);
    private final WeeklyHours hours = new WeeklyHours();

    /** What the engine refused, by field (a prefix: {@code throttle} stands for {@code throttle.value} too). */
    private final ObservableMap<String, String> engineErrors = FXCollections.observableHashMap();
    private final Map<String, StringBinding> fieldErrors = new LinkedHashMap<>();
    private final StringBinding problem;
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper saveError = new ReadOnlyStringWrapper("");

    /** @param existing the rule to change, or null for a new one */
    public TrafficRuleEditorViewModel(TrafficRulesApi api, TaskExecutor tasks, TrafficRuleView existing) {
        this.api = api;
        this.tasks = tasks;
        this.existing = existing;
        if (existing != null) {
            name.set(existing.name());
            sourceRange.set(existing.sourceRange());
            boolean anyPublic = AddressRangeSyntax.PUBLIC.equals(existing.targetRange());
            targetAnyPublic.set(anyPublic);
            targetRange.set(anyPublic ? "" : existing.targetRange());
            encrypt.set(existing.encrypt());
            Throttle throttle = Objects.requireNonNullElse(existing.throttle(), Throttle.OFF);
            throttleEnabled.set(throttle.enabled());
            throttleValue.set(Objects.requireNonNullElse(throttle.value(), DEFAULT_THROTTLE));
            throttleUnit.set(Objects.requireNonNullElse(throttle.unit(), ThrottleUnit.MBIT_PER_SEC));
            always.set(existing.schedule() == null || existing.schedule().always());
        }
        hours.load(existing == null ? TrafficSchedule.ALWAYS : existing.schedule());

        field(NAME, () -> name.get().strip().length() > 128 ? "At most 128 characters, please." : null, name);
        field(SOURCE, () -> AddressRangeSyntax.problem(sourceRange.get(), false), sourceRange);
        field(TARGET, () -> targetAnyPublic.get() ? null : AddressRangeSyntax.problem(targetRange.get(), true),
                targetRange, targetAnyPublic);
        field(THROTTLE, () -> {
            Integer value = throttleValue.get();
            return throttleEnabled.get() && (value == null || value < 1 || value > MAX_THROTTLE)
                    ? "Throttle to a value from 1 to " + MAX_THROTTLE + "." : null;
        }, throttleEnabled, throttleValue, throttleUnit);
        field(SCHEDULE, () -> null, always, hours.activeCountProperty());

        Observable[] all = fieldErrors.values().toArray(new Observable[0]);
        all = Arrays.copyOf(all, all.length + 6);
        System.arraycopy(new Observable[] {name, sourceRange, targetRange, targetAnyPublic, always,
                hours.activeCountProperty()}, 0, all, all.length - 6, 6);
        problem = Bindings.createStringBinding(this::firstProblem, all);
    }

    /** A field's error: the engine's while it stands, else the console's check. Editing the field withdraws the engine's. */
    private void field(String key, Callable<String> check, Observable... inputs) {
        Observable[] dependencies = Arrays.copyOf(inputs, inputs.length + 1);
        dependencies[inputs.length] = engineErrors;
        fieldErrors.put(key, Bindings.createStringBinding(() -> engineError(key).orElseGet(() -> {
            try {
                return check.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }), dependencies));
        for (Observable input : inputs) {
            input.addListener(changed -> engineErrors.keySet().removeIf(field -> owns(key, field)));
        }
    }

    private Optional<String> engineError(String key) {
        return engineErrors.entrySet().stream().filter(entry -> owns(key, entry.getKey())).findFirst()
                .map(entry -> FIELD_LABELS.getOrDefault(entry.getKey(), "Schedule") + ": " + entry.getValue());
    }

    private static final Map<String, String> FIELD_LABELS = Map.of(NAME, "Name", SOURCE, "Source range",
            TARGET, "Target range", "throttle.value", "Throttle", "throttle.unit", "Throttle unit", "throttle", "Throttle");

    private static boolean owns(String key, String field) {
        return field.equals(key) || field.startsWith(key + ".");
    }

    private String firstProblem() {
        for (StringBinding error : fieldErrors.values()) {
            if (error.get() != null) {
                return error.get();
            }
        }
        if (name.get().isBlank()) {
            return "Type a name for the rule.";
        }
        if (sourceRange.get().isBlank()) {
            return "Type the source range: an address, FIRST-LAST, ADDRESS/PREFIX or 'any'.";
        }
        if (!targetAnyPublic.get() && targetRange.get().isBlank()) {
            return "Type the target range, or choose any public address.";
        }
        if (!always.get() && hours.activeCountProperty().get() == 0) {
            return "Choose at least one hour in which the rule applies, or let it apply always.";
        }
        return null;
    }

    TrafficRuleRequest request() {
        Throttle throttle = throttleEnabled.get()
                ? new Throttle(true, throttleValue.get(), throttleUnit.get()) : Throttle.OFF;
        TrafficSchedule schedule = always.get() ? TrafficSchedule.ALWAYS
                : new TrafficSchedule(false, hours.activeHours());
        return new TrafficRuleRequest(name.get().strip(), sourceRange.get().strip(),
                targetAnyPublic.get() ? AddressRangeSyntax.PUBLIC : targetRange.get().strip(), encrypt.get(),
                throttle, schedule);
    }

    /** Saves the rule; {@code onSaved} runs with it as the engine stored it. A refusal stays on the fields. */
    public void save(Consumer<TrafficRuleView> onSaved) {
        if (saving.get() || problem.get() != null) {
            return;
        }
        TrafficRuleRequest request = request();
        saving.set(true);
        saveError.set("");
        tasks.execute(BackgroundTask.of("Saving the traffic rule '" + request.name() + "'",
                        () -> existing == null ? api.create(request) : api.update(existing.id(), request))
                .onSuccess(rule -> {
                    saving.set(false);
                    onSaved.accept(rule);
                })
                .onFailure(failure -> {
                    saving.set(false);
                    if (failure instanceof EngineRefusedException refused) {
                        engineErrors.putAll(refused.fields());
                    }
                    saveError.set(failure.getMessage());
                }));
    }

    public String title() {
        return existing == null ? "New traffic rule" : "Edit traffic rule '" + existing.name() + "'";
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty sourceRangeProperty() {
        return sourceRange;
    }

    public StringProperty targetRangeProperty() {
        return targetRange;
    }

    /** The target is "any public address" ({@code public}), not a range typed in. */
    public BooleanProperty targetAnyPublicProperty() {
        return targetAnyPublic;
    }

    public BooleanProperty encryptProperty() {
        return encrypt;
    }

    public BooleanProperty throttleEnabledProperty() {
        return throttleEnabled;
    }

    public ObjectProperty<Integer> throttleValueProperty() {
        return throttleValue;
    }

    public ObjectProperty<ThrottleUnit> throttleUnitProperty() {
        return throttleUnit;
    }

    /** The rule applies at every hour; otherwise only in the hours of {@link #hours()}. */
    public BooleanProperty alwaysProperty() {
        return always;
    }

    public WeeklyHours hours() {
        return hours;
    }

    /** A field's problem, or null. Fields: the constants above. */
    public StringBinding fieldError(String field) {
        return Objects.requireNonNull(fieldErrors.get(field), field);
    }

    /** Why OK cannot save yet, or null. */
    public StringBinding problemProperty() {
        return problem;
    }

    public BooleanBinding validProperty() {
        return problem.isNull();
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return saving.getReadOnlyProperty();
    }

    /** The engine's message when it did not save the rule; empty otherwise. */
    public ReadOnlyStringProperty saveErrorProperty() {
        return saveError.getReadOnlyProperty();
    }
}
