package io.bulwark.console.restore;

import io.bulwark.console.common.BackgroundTask;
import io.bulwark.console.common.Detail;
import io.bulwark.console.common.DialogService;
import io.bulwark.console.common.EventBus;
import io.bulwark.console.common.Formats;
import io.bulwark.console.common.TaskExecutor;
import io.bulwark.console.sessions.OpenSessionStatistics;
import io.bulwark.protocol.backups.BackupHealth;
import io.bulwark.protocol.backups.RestoreDestination;
import io.bulwark.protocol.backups.RestorePointDisk;
import io.bulwark.protocol.backups.RestorePointView;
import io.bulwark.protocol.backups.RestoreRequest;
import io.bulwark.protocol.inventory.InventoryDatastore;
import io.bulwark.protocol.inventory.InventoryHost;
import io.bulwark.protocol.inventory.InventoryVm;
import io.bulwark.protocol.inventory.VmPower;
import io.bulwark.protocol.inventory.VmReference;
import io.bulwark.protocol.sessions.SessionView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Restore wizard: which VM, which restore point, the entire VM or some disks, and where to; then
 * the request it makes and the start of the restore, whose session the statistics window follows.
 *
 * <p>The checks here spare the admin a round trip and a surprise (a damaged restore point, a running
 * VM, a folder that exists); the engine checks again, and its refusal is shown as it words it.
 */
public final class RestoreWizardViewModel {
    /** The longest VM name the console proposes to the engine, as a folder name. */
    static final int MAX_VM_NAME = 128;

    private final RestoreApi api;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final EventBus bus;

    private final List<RestorePointView> allPoints = new ArrayList<>();
    private final ReadOnlyStringWrapper backupsLoad = new ReadOnlyStringWrapper("Loading the backups…");
    private final ReadOnlyStringWrapper inventoryLoad = new ReadOnlyStringWrapper("Loading the virtualization hosts…");

    private final ObservableList<BackedUpVm> vms = FXCollections.observableArrayList();
    private final ObjectProperty<BackedUpVm> vm = new SimpleObjectProperty<>();
    private final ObservableList<RestorePointView> points = FXCollections.observableArrayList();
    private final ObjectProperty<RestorePointView> point = new SimpleObjectProperty<>();
    private final BooleanProperty entireVm = new SimpleBooleanProperty(true);
    private final ObservableList<DiskChoice> disks = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper chosenDisks = new ReadOnlyIntegerWrapper();
    private final BooleanProperty originalLocation = new SimpleBooleanProperty(true);
    private final BooleanProperty overwrite = new SimpleBooleanProperty();
    private final ObservableList<InventoryHost> hosts = FXCollections.observableArrayList();
    private final ObjectProperty<InventoryHost> host = new SimpleObjectProperty<>();
    private final ObservableList<InventoryDatastore> datastores = FXCollections.observableArrayList();
    private final ObjectProperty<InventoryDatastore> datastore = new SimpleObjectProperty<>();
    private final StringProperty vmName = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<SessionView> started = new ReadOnlyObjectWrapper<>();

    private final Map<RestoreStep, StringBinding> problems = new EnumMap<>(RestoreStep.class);

    /** What Restore… in Backups chose, applied once the backups are loaded. */
    private String preselectedVm;
    private UUID preselectedPoint;
    /** The name proposed for the restored VM; replaced with the VM, unless the admin typed another. */
    private String proposedName = "";

    public RestoreWizardViewModel(RestoreApi api, TaskExecutor tasks, DialogService dialogs, EventBus bus) {
        this.api = api;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.bus = bus;

        vm.subscribe(this::vmChosen);
        point.subscribe(this::pointChosen);
        host.subscribe(this::hostChosen);

        problems.put(RestoreStep.VM, problem(() -> {
            if (!backupsLoad.get().isEmpty()) {
                return backupsLoad.get();
            }
            if (vms.isEmpty()) {
                return "No VM has a restore point yet: run a backup job first.";
            }
            return vm.get() == null ? "Choose the VM to restore." : null;
        }, backupsLoad, vms, vm));
        problems.put(RestoreStep.RESTORE_POINT, problem(() -> {
            RestorePointView chosen = point.get();
            if (chosen == null) {
                return "Choose the restore point to restore from.";
            }
            return chosen.health() == BackupHealth.DAMAGED
                    ? "The last health check found this restore point damaged: restoring it would fail. "
                    + "Choose another one." : null;
        }, point));
        problems.put(RestoreStep.RESTORE_MODE, problem(() -> !entireVm.get() && chosenDisks.get() == 0
                ? "Tick the disks to restore, or restore the entire VM." : null, entireVm, chosenDisks));
        problems.put(RestoreStep.DESTINATION, problem(this::destinationProblem, originalLocation, overwrite,
                inventoryLoad, hosts, host, datastore, vmName, vm));
        problems.put(RestoreStep.SUMMARY, problem(() -> null));
    }

    private static StringBinding problem(Callable<String> check, Observable... dependencies) {
        return Bindings.createStringBinding(check, dependencies);
    }

    /** Reads the backups and the inventory; the pages say what they wait for meanwhile. */
    public void load() {
        tasks.execute(BackgroundTask.of("Loading the backups", api::restorePoints)
                .onSuccess(this::backupsLoaded)
                .onFailure(failure -> backupsLoad.set("Cannot load the backups: " + message(failure))));
        tasks.execute(BackgroundTask.of("Loading the virtualization hosts", api::inventory)
                .onSuccess(this::inventoryLoaded)
                .onFailure(failure -> inventoryLoad.set("Cannot load the virtualization hosts: " + message(failure))));
    }

    /** Starts on this VM and restore point (null: its newest), as Restore… in Backups does. */
    public void preselect(String vmReference, UUID restorePointId) {
        this.preselectedVm = vmReference;
        this.preselectedPoint = restorePointId;
        if (!allPoints.isEmpty()) {
            applyPreselection();
        }
    }

    private void backupsLoaded(List<RestorePointView> loaded) {
        allPoints.clear();
        allPoints.addAll(loaded);
        Map<String, List<RestorePointView>> byVm = new LinkedHashMap<>();
        loaded.forEach(p -> byVm.computeIfAbsent(p.vmReference(), reference -> new ArrayList<>()).add(p));
        vms.setAll(byVm.entrySet().stream().map(entry -> {
            RestorePointView newest = entry.getValue().stream().max(Comparator.comparing(RestorePointView::createdAt))
                    .orElseThrow();
            String jobs = entry.getValue().stream().map(RestorePointView::jobName).filter(Objects::nonNull)
                    .collect(Collectors.toCollection(LinkedHashSet::new)).stream().collect(Collectors.joining(", "));
            return new BackedUpVm(entry.getKey(), newest.vmName(), jobs, newest.createdAt(), entry.getValue().size());
        }).sorted(Comparator.comparing(BackedUpVm::name, String.CASE_INSENSITIVE_ORDER)).toList());
        backupsLoad.set("");
        applyPreselection();
    }

    private void applyPreselection() {
        if (preselectedVm == null) {
            return;
        }
        UUID wanted = preselectedPoint;
        vms.stream().filter(candidate -> candidate.reference().equals(preselectedVm)).findFirst().ifPresent(vm::set);
        if (wanted != null) {
            points.stream().filter(candidate -> candidate.id().equals(wanted)).findFirst().ifPresent(point::set);
        }
        preselectedVm = null;
        preselectedPoint = null;
    }

    private void inventoryLoaded(List<InventoryHost> loaded) {
        hosts.setAll(loaded.stream().sorted(Comparator.comparing(InventoryHost::name, String.CASE_INSENSITIVE_ORDER))
                .toList());
        inventoryLoad.set("");
        proposeDestination();
    }

    private void vmChosen(BackedUpVm chosen) {
        points.setAll(chosen == null ? List.of() : allPoints.stream()
                .filter(candidate -> candidate.vmReference().equals(chosen.reference()))
                .sorted(Comparator.comparing(RestorePointView::createdAt).reversed()).toList());
        point.set(points.isEmpty() ? null : points.getFirst());
        overwrite.set(false);
        if (chosen != null && (vmName.get().isBlank() || vmName.get().equals(proposedName))) {
            proposedName = chosen.name() + "-restored";
            vmName.set(proposedName);
        }
        proposeDestination();
    }

    private void pointChosen(RestorePointView chosen) {
        disks.setAll(chosen == null ? List.of() : chosen.disks().stream().map(DiskChoice::new).toList());
        disks.forEach(disk -> disk.chosen().addListener((observable, was, is) -> countChosen()));
        countChosen();
    }

    private void countChosen() {
        chosenDisks.set((int) disks.stream().filter(disk -> disk.chosen().get()).count());
    }

    /** A new VM goes, unless the admin chooses otherwise, beside the original: its host and datastore. */
    private void proposeDestination() {
        if (hosts.isEmpty()) {
            return;
        }
        Optional<VmReference> original = originalReference();
        InventoryHost originalHost = original.flatMap(reference -> hostOf(reference.hostId())).orElse(null);
        if (host.get() == null || !hosts.contains(host.get())) {
            host.set(originalHost != null ? originalHost : hosts.getFirst());
        }
        if (originalHost != null && originalHost.equals(host.get())) {
            String parent = parentOf(original.get().folder());
            datastores.stream().filter(candidate -> candidate.path().equals(parent)).findFirst()
                    .ifPresent(datastore::set);
        }
    }

    private void hostChosen(InventoryHost chosen) {
        datastores.setAll(chosen == null ? List.of() : chosen.datastores());
        datastore.set(datastores.stream().filter(InventoryDatastore::reachable).findFirst().orElse(null));
    }

    private String destinationProblem() {
        if (vm.get() == null) {
            return "Choose the VM to restore first.";
        }
        if (!inventoryLoad.get().isEmpty()) {
            return inventoryLoad.get();
        }
        return originalLocation.get() ? originalProblem() : newLocationProblem();
    }

    private String originalProblem() {
        Optional<VmReference> reference = originalReference();
        if (reference.isEmpty()) {
            return "The VM's original location is not known: restore it to a new location.";
        }
        Optional<InventoryHost> originalHost = hostOf(reference.get().hostId());
        if (originalHost.isEmpty()) {
            return "The VM's host is no longer a virtualization host: restore the VM to a new location.";
        }
        Optional<InventoryVm> current = inventoryVm(originalHost.get(), reference.get().folder());
        if (current.isPresent() && current.get().power() == VmPower.RUNNING) {
            return vm.get().name() + " is running and holds its disks: shut it down before restoring over it, "
                    + "or restore to a new location.";
        }
        return overwrite.get() ? null : "Tick the box to confirm that the restore overwrites the disks of "
                + vm.get().name() + ".";
    }

    private String newLocationProblem() {
        if (hosts.isEmpty()) {
            return "There is no virtualization host to restore to: add one in Inventory.";
        }
        if (host.get() == null) {
            return "Choose the host to restore the VM to.";
        }
        InventoryDatastore chosen = datastore.get();
        if (chosen == null) {
            return "Choose the datastore of " + host.get().name() + " to restore the VM to.";
        }
        if (!chosen.reachable()) {
            return "The last scan of " + host.get().name() + " could not read " + chosen.path()
                    + (chosen.message() == null ? "" : " (" + chosen.message() + ")") + ": choose another datastore.";
        }
        String name = vmName.get().strip();
        if (name.isEmpty()) {
            return "Type a name for the restored VM.";
        }
        if (name.length() > MAX_VM_NAME) {
            return "The VM name may have at most " + MAX_VM_NAME + " characters.";
        }
        // The name becomes the VM's folder in the datastore.
        if (name.contains("/") || name.startsWith(".") || name.chars().anyMatch(Character::isISOControl)) {
            return "The VM name becomes its folder: it may not contain '/' or start with '.'.";
        }
        String folder = folderIn(chosen.path(), name);
        if (chosen.vms().stream().anyMatch(existing -> existing.folder().equals(folder))) {
            return chosen.path() + " already holds a VM in " + folder + ": choose another name.";
        }
        return null;
    }

    /** The request Finish posts. */
    public RestoreRequest request() {
        List<String> names = entireVm.get() ? List.of() : disks.stream().filter(disk -> disk.chosen().get())
                .map(disk -> disk.disk().name()).toList();
        RestoreDestination destination = originalLocation.get()
                ? RestoreDestination.originalLocation(overwrite.get())
                : RestoreDestination.newLocation(host.get().hostId(), datastore.get().path(), vmName.get().strip());
        return new RestoreRequest(point.get().id(), names, destination);
    }

    /** The Summary page. */
    public List<Detail> summary() {
        RestorePointView chosen = point.get();
        if (chosen == null) {
            return List.of();
        }
        List<Detail> details = new ArrayList<>(List.of(
                new Detail("VM", chosen.vmName()),
                new Detail("Restore point", Formats.instant(chosen.createdAt()) + " (" + Formats.label(chosen.health())
                        + ")"),
                new Detail("Job", Formats.text(chosen.jobName())),
                new Detail("Repository", Formats.text(chosen.repositoryName())),
                new Detail("Restore", entireVm.get() ? "Entire VM: " + diskList(chosen.disks())
                        : "Disks: " + diskList(disks.stream().filter(disk -> disk.chosen().get())
                        .map(DiskChoice::disk).toList()))));
        if (originalLocation.get()) {
            String where = originalReference().map(reference -> reference.folder() + hostOf(reference.hostId())
                    .map(h -> " on " + h.name()).orElse("")).orElse("");
            details.add(new Detail("Destination", "Original location, overwriting the disks: " + where));
        } else if (host.get() != null && datastore.get() != null) {
            details.add(new Detail("Destination", "New VM '" + vmName.get().strip() + "' in "
                    + folderIn(datastore.get().path(), vmName.get().strip()) + " on " + host.get().name()));
            details.add(new Detail("Free space", Formats.bytes(datastore.get().freeBytes()) + " free, up to "
                    + Formats.bytes(restoredBytes()) + " needed"));
        }
        return details;
    }

    private long restoredBytes() {
        RestorePointView chosen = point.get();
        if (entireVm.get()) {
            return chosen.sizeBytes();
        }
        return disks.stream().filter(disk -> disk.chosen().get()).mapToLong(disk -> disk.disk().capacityBytes()).sum();
    }

    private static String diskList(List<RestorePointDisk> list) {
        return list.stream().map(disk -> disk.name() + " (" + Formats.bytes(disk.capacityBytes()) + ")")
                .collect(Collectors.joining(", "));
    }

    /**
     * Finish was clicked: over the VM's own disks, the admin confirms once more, since what they hold
     * now is lost. False keeps the wizard open.
     */
    public boolean confirmFinish() {
        if (!originalLocation.get()) {
            return true;
        }
        String what = entireVm.get() ? "every disk" : "the disks " + request().disks().stream()
                .collect(Collectors.joining(", "));
        String where = originalReference().map(VmReference::folder).orElse("its folder");
        return dialogs.showConfirmation("Overwrite the disks of " + vm.get().name() + "?",
                "The restore overwrites " + what + " of " + vm.get().name() + " in " + where + " with the restore "
                        + "point of " + Formats.instant(point.get().createdAt()) + ". What the disks hold now is lost.",
                "Overwrite");
    }

    /** Posts the restore, then opens the statistics window of its session. */
    public void start() {
        RestoreRequest request = request();
        String what = vm.get().name();
        tasks.execute(BackgroundTask.of("Starting the restore of " + what, () -> api.restore(request))
                .onSuccess(session -> {
                    started.set(session);
                    bus.publish(new OpenSessionStatistics(session.id()));
                })
                .onFailure(failure -> dialogs.showError("Cannot restore " + what, message(failure))));
    }

    private Optional<VmReference> originalReference() {
        if (vm.get() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(VmReference.parse(vm.get().reference()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Optional<InventoryHost> hostOf(UUID hostId) {
        return hosts.stream().filter(candidate -> candidate.hostId().equals(hostId)).findFirst();
    }

    private static Optional<InventoryVm> inventoryVm(InventoryHost in, String folder) {
        return in.datastores().stream().flatMap(d -> d.vms().stream()).filter(v -> v.folder().equals(folder))
                .findFirst();
    }

    private static String parentOf(String folder) {
        int slash = folder.lastIndexOf('/');
        return slash <= 0 ? "/" : folder.substring(0, slash);
    }

    static String folderIn(String datastorePath, String name) {
        return (datastorePath.endsWith("/") ? datastorePath : datastorePath + "/") + name;
    }

    private static String message(Exception failure) {
        return Objects.requireNonNullElse(failure.getMessage(), failure.toString());
    }

    /** Why the page cannot go on yet; null when it can. */
    public StringBinding problem(RestoreStep step) {
        return problems.get(step);
    }

    public BooleanBinding valid(RestoreStep step) {
        return problems.get(step).isNull();
    }

    public ObservableList<BackedUpVm> vms() {
        return vms;
    }

    public ObjectProperty<BackedUpVm> vmProperty() {
        return vm;
    }

    /** The chosen VM's restore points, newest first. */
    public ObservableList<RestorePointView> points() {
        return points;
    }

    public ObjectProperty<RestorePointView> pointProperty() {
        return point;
    }

    public BooleanProperty entireVmProperty() {
        return entireVm;
    }

    /** The chosen restore point's disks, each with whether it is ticked for a disk restore. */
    public ObservableList<DiskChoice> disks() {
        return disks;
    }

    public BooleanProperty originalLocationProperty() {
        return originalLocation;
    }

    /** The admin's confirmation that a restore to the original location overwrites the VM's disks. */
    public BooleanProperty overwriteProperty() {
        return overwrite;
    }

    public ObservableList<InventoryHost> hosts() {
        return hosts;
    }

    public ObjectProperty<InventoryHost> hostProperty() {
        return host;
    }

    /** The chosen host's datastores. */
    public ObservableList<InventoryDatastore> datastores() {
        return datastores;
    }

    public ObjectProperty<InventoryDatastore> datastoreProperty() {
        return datastore;
    }

    public StringProperty vmNameProperty() {
        return vmName;
    }

    /** Where the VM was: its folder and host, for the original location's option. */
    public String originalLocationText() {
        return originalReference().map(reference -> reference.folder() + hostOf(reference.hostId())
                .map(h -> " on " + h.name()).orElse("")).orElse("");
    }

    /** The restore's session, once the engine started it. */
    public ReadOnlyObjectProperty<SessionView> startedProperty() {
        return started.getReadOnlyProperty();
    }
}
