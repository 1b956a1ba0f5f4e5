package io.bulwark.console.jobs;

import io.bulwark.console.common.BackgroundTask;
import io.bulwark.console.common.Detail;
import io.bulwark.console.common.EncryptionPasswordRule;
import io.bulwark.console.common.Formats;
import io.bulwark.console.common.TaskExecutor;
import io.bulwark.console.connection.EngineRefusedException;
import io.bulwark.console.inventory.InventoryItem;
import io.bulwark.console.inventory.InventoryTree;
import io.bulwark.console.trafficrules.WeeklyHours;
import io.bulwark.protocol.inventory.InventoryHost;
import io.bulwark.protocol.inventory.InventoryVm;
import io.bulwark.protocol.inventory.VmPower;
import io.bulwark.protocol.jobs.BackupWindow;
import io.bulwark.protocol.jobs.Compression;
import io.bulwark.protocol.jobs.JobObject;
import io.bulwark.protocol.jobs.JobRequest;
import io.bulwark.protocol.jobs.JobSchedule;
import io.bulwark.protocol.jobs.JobStorage;
import io.bulwark.protocol.jobs.JobType;
import io.bulwark.protocol.jobs.JobView;
import io.bulwark.protocol.jobs.Retention;
import io.bulwark.protocol.jobs.RetentionUnit;
import io.bulwark.protocol.jobs.RetryPolicy;
import io.bulwark.protocol.jobs.ScheduleKind;
import io.bulwark.protocol.proxies.ProxyView;
import io.bulwark.protocol.repositories.EncryptionRequest;
import io.bulwark.protocol.repositories.EncryptionView;
import io.bulwark.protocol.repositories.RepositoryView;
import io.bulwark.protocol.servers.ServerView;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * New Backup Job (and Edit), page by page as in Veeam's console: Name, Virtual Machines, Storage,
 * Schedule, Summary. Holds every value and every rule; the pages only lay them out.
 *
 * <p>The checks here spare the admin a round trip; the engine checks everything again at Finish,
 * and its field errors show under the fields they name, on the page that edits them, until the
 * admin changes something on that page.
 */
public final class JobWizardViewModel {
    public static final String DEFAULT_TIME = "22:00";
    static final int MAX_RESTORE_POINTS = 999;
    static final int MAX_DAYS = 3650;
    static final int MAX_PERIOD_HOURS = 7 * 24;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("H:mm");

    /** The encryption fields of {@link JobRequest}, as the engine names them in its errors. */
    public static final String PASSWORD = "encryption.password";
    /** Not a request field: the console's own check that the password was typed twice alike. */
    public static final String CONFIRMATION = "encryption.confirmation";
    public static final String HINT = "encryption.passwordHint";

    private final JobApi api;
    private final TaskExecutor tasks;
    /** The job being edited, or null for a new one. */
    private final JobView original;

    // --- Name
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty description = new SimpleStringProperty("");
    private final ObservableList<JobView> otherJobs = FXCollections.observableArrayList();

    // --- Virtual Machines
    private final ReadOnlyObjectWrapper<List<InventoryTree>> inventory = new ReadOnlyObjectWrapper<>(List.of());
    private final ObservableList<ChosenVm> chosen = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper inventoryMessage = new ReadOnlyStringWrapper("Loading the inventory…");
    private final ReadOnlyBooleanWrapper inventoryLoaded = new ReadOnlyBooleanWrapper();

    // --- Storage
    private final ObservableList<RepositoryChoice> repositories = FXCollections.observableArrayList();
    private final ObjectProperty<RepositoryChoice> repository = new SimpleObjectProperty<>();
    private final BooleanProperty automaticProxy = new SimpleBooleanProperty(true);
    private final ObservableList<ProxyView> proxies = FXCollections.observableArrayList();
    private final Map<UUID, BooleanProperty> proxyChosen = new HashMap<>();
    /** Bumped when a proxy is ticked or unticked: what the bindings over the ticks listen to. */
    private final SimpleObjectProperty<Integer> proxyTicks = new SimpleObjectProperty<>(0);
    private final StringProperty retentionValue = new SimpleStringProperty(String.valueOf(Retention.DEFAULT.value()));
    private final ObjectProperty<RetentionUnit> retentionUnit = new SimpleObjectProperty<>(Retention.DEFAULT.unit());
    private final ObjectProperty<Compression> compression = new SimpleObjectProperty<>(Compression.OPTIMAL);
    private final ObjectProperty<Integer> blockSize = new SimpleObjectProperty<>(JobStorage.DEFAULT_BLOCK_SIZE);
    private final BooleanProperty healthCheck = new SimpleBooleanProperty(false);
    private final ObjectProperty<ScheduleKind> healthCheckKind = new SimpleObjectProperty<>(ScheduleKind.MONTHLY);
    private final StringProperty healthCheckTime = new SimpleStringProperty(DEFAULT_TIME);
    private final StringProperty healthCheckDayOfMonth = new SimpleStringProperty("1");
    private final ObjectProperty<DayOfWeek> healthCheckWeekday = new SimpleObjectProperty<>(DayOfWeek.SATURDAY);
    private final ReadOnlyStringWrapper storageMessage = new ReadOnlyStringWrapper("");
    // Storage › Advanced: the job's own encryption password. Write-only: the engine never sends it
    // back, so when editing, empty fields keep the stored one.
    private final BooleanProperty encrypt = new SimpleBooleanProperty(false);
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty confirmation = new SimpleStringProperty("");
    private final StringProperty hint = new SimpleStringProperty("");
    /** The console's own checks of the encryption fields, under the keys {@link #fieldError} takes. */
    private final Map<String, Callable<String>> fieldChecks = Map.of(PASSWORD, this::checkPassword,
            CONFIRMATION, this::checkConfirmation, HINT, this::checkHint);

    // --- Schedule
    private final ObjectProperty<ScheduleKind> scheduleKind = new SimpleObjectProperty<>(ScheduleKind.MANUAL);
    private final StringProperty time = new SimpleStringProperty(DEFAULT_TIME);
    private final Map<DayOfWeek, BooleanProperty> days = new EnumMap<>(DayOfWeek.class);
    private final StringProperty dayOfMonth = new SimpleStringProperty("1");
    private final StringProperty everyHours = new SimpleStringProperty("24");
    private final ObjectProperty<JobView> afterJob = new SimpleObjectProperty<>();
    private final BooleanProperty retry = new SimpleBooleanProperty(true);
    private final StringProperty retryCount = new SimpleStringProperty(String.valueOf(RetryPolicy.DEFAULT.count()));
    private final StringProperty retryWait = new SimpleStringProperty(String.valueOf(RetryPolicy.DEFAULT.waitMinutes()));
    private final BooleanProperty windowEnabled = new SimpleBooleanProperty(false);
    private final WeeklyHours window = new WeeklyHours();

    // --- Summary and Finish
    private final BooleanProperty runAfterFinish = new SimpleBooleanProperty(false);
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper refusal = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<JobView> saved = new ReadOnlyObjectWrapper<>();

    /** What the engine refused, by field, until the admin changes something on the field's page. */
    private final ObservableMap<String, String> engineErrors = FXCollections.observableHashMap();
    private final Map<JobWizardStep, StringBinding> problems = new EnumMap<>(JobWizardStep.class);

    private JobWizardViewModel(JobApi api, TaskExecutor tasks, JobView original) {
        this.api = api;
        this.tasks = tasks;
        this.original = original;
        for (DayOfWeek day : DayOfWeek.values()) {
            days.put(day, new SimpleBooleanProperty(true));
        }
        window.setAll(true);

        page(JobWizardStep.NAME, this::checkName, name, description, otherJobs);
        page(JobWizardStep.VIRTUAL_MACHINES, this::checkVms, chosen, inventoryLoaded);
        List<Observable> storage = new ArrayList<>(List.of(repository, repositories, automaticProxy, proxyTicks,
                retentionValue, retentionUnit, compression, blockSize, healthCheck, healthCheckKind, healthCheckTime,
                healthCheckDayOfMonth, healthCheckWeekday, encrypt, password, confirmation, hint));
        page(JobWizardStep.STORAGE, this::checkStorage, storage.toArray(Observable[]::new));
        List<Observable> schedule = new ArrayList<>(List.of(scheduleKind, time, dayOfMonth, everyHours, afterJob,
                retry, retryCount, retryWait, windowEnabled, window.activeCountProperty()));
        schedule.addAll(days.values());
        page(JobWizardStep.SCHEDULE, this::checkSchedule, schedule.toArray(Observable[]::new));
        // A refusal that names fields blocks Finish until they are corrected; any other failure may be retried.
        page(JobWizardStep.SUMMARY, this::checkRefusedPages);
    }

    /** New Backup Job. */
    public static JobWizardViewModel create(JobApi api, TaskExecutor tasks) {
        return new JobWizardViewModel(api, tasks, null);
    }

    /** Edit: the same pages on a saved job; Finish saves it in place. */
    public static JobWizardViewModel edit(JobView job, JobApi api, TaskExecutor tasks) {
        JobWizardViewModel viewModel = new JobWizardViewModel(api, tasks, job);
        viewModel.fill(job);
        return viewModel;
    }

    /**
     * A page: its problem is the engine's complaint about one of its fields while it stands, else
     * the page's own check. Changing anything on the page withdraws the engine's complaints about it.
     */
    private void page(JobWizardStep step, Callable<String> check, Observable... inputs) {
        for (Observable input : inputs) {
            input.addListener(changed -> {
                if (!saving.get()) {
                    engineErrors.keySet().removeIf(step::owns);
                    if (step != JobWizardStep.SUMMARY) {
                        refusal.set("");
                    }
                }
            });
        }
        Observable[] dependencies = new Observable[inputs.length + 1];
        System.arraycopy(inputs, 0, dependencies, 0, inputs.length);
        dependencies[inputs.length] = engineErrors;
        problems.put(step, Bindings.createStringBinding(() -> {
            Optional<String> refused = engineErrors.entrySet().stream().filter(error -> step.owns(error.getKey()))
                    .sorted(Map.Entry.comparingByKey())
                    .map(error -> describe(error.getKey(), error.getValue())).findFirst();
            return refused.orElseGet(() -> call(check));
        }, dependencies));
    }

    private static String call(Callable<String> check) {
        try {
            return check.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void fill(JobView job) {
        name.set(job.name());
        description.set(Objects.requireNonNullElse(job.description(), ""));
        if (job.objects() != null) {
            chosen.setAll(job.objects().stream().map(object -> new ChosenVm(object.reference(), "", null,
                    object.excludedDisks() == null ? List.of() : object.excludedDisks())).toList());
        }
        Retention retention = job.retention() == null ? Retention.DEFAULT : job.retention();
        retentionValue.set(String.valueOf(retention.value()));
        retentionUnit.set(retention.unit());
        JobStorage storage = job.storage() == null ? JobStorage.DEFAULT : job.storage();
        automaticProxy.set(storage.automaticProxy());
        if (!storage.automaticProxy()) {
            storage.proxyIds().forEach(id -> proxyChosen(id).set(true));
        }
        compression.set(Objects.requireNonNullElse(storage.compression(), Compression.OPTIMAL));
        blockSize.set(storage.blockSize() == 0 ? JobStorage.DEFAULT_BLOCK_SIZE : storage.blockSize());
        JobSchedule check = storage.healthCheck();
        healthCheck.set(check != null && check.kind() != ScheduleKind.MANUAL);
        if (healthCheck.get()) {
            healthCheckKind.set(check.kind() == ScheduleKind.DAILY ? ScheduleKind.DAILY : ScheduleKind.MONTHLY);
            healthCheckTime.set(check.time() == null ? DEFAULT_TIME : TIME.format(check.time()));
            healthCheckDayOfMonth.set(String.valueOf(Objects.requireNonNullElse(check.dayOfMonth(), 1)));
            if (check.days() != null && !check.days().isEmpty()) {
                healthCheckWeekday.set(check.days().stream().sorted().findFirst().orElseThrow());
            }
        }
        // The password stays empty: left so, it keeps the stored one.
        EncryptionView encryption = job.encryption();
        if (encryption != null) {
            encrypt.set(encryption.enabled());
            hint.set(Objects.requireNonNullElse(encryption.passwordHint(), ""));
        }
        JobSchedule schedule = job.schedule() == null ? JobSchedule.MANUAL : job.schedule();
        scheduleKind.set(schedule.kind());
        if (schedule.time() != null) {
            time.set(TIME.format(schedule.time()));
        }
        if (schedule.kind() == ScheduleKind.DAILY && schedule.days() != null) {
            days.forEach((day, on) -> on.set(schedule.days().contains(day)));
        }
        if (schedule.dayOfMonth() != null) {
            dayOfMonth.set(String.valueOf(schedule.dayOfMonth()));
        }
        if (schedule.everyMinutes() != null) {
            everyHours.set(String.valueOf(Math.max(1, schedule.everyMinutes() / 60)));
        }
        RetryPolicy retries = schedule.retryPolicy();
        retry.set(retries.count() > 0);
        retryCount.set(String.valueOf(retries.count() > 0 ? retries.count() : RetryPolicy.DEFAULT.count()));
        retryWait.set(String.valueOf(retries.count() > 0 ? retries.waitMinutes() : RetryPolicy.DEFAULT.waitMinutes()));
        windowEnabled.set(schedule.window() != null);
        if (schedule.window() != null) {
            window.setAll(false);
            schedule.window().allowedHours().forEach((day, hours) -> hours.forEach(hour -> window.hour(day, hour)
                    .set(true)));
        }
    }

    // --- loading -----------------------------------------------------------------------------------

    /** What the data behind the pages came back as, read in one go. */
    record Loaded(List<JobView> jobs, List<InventoryHost> inventory, List<RepositoryView> repositories,
                  List<ProxyView> proxies, List<ServerView> servers) {
    }

    /** Reads the jobs, the inventory, repositories, proxies and servers; the wizard calls it as it opens. */
    public void load() {
        tasks.execute(BackgroundTask.of("Loading the inventory and the backup infrastructure",
                        () -> new Loaded(api.jobs(), api.inventory(), api.repositories(), api.proxies(), api.servers()))
                .onSuccess(this::loaded)
                .onFailure(failure -> {
                    inventoryMessage.set("Cannot load the inventory: " + message(failure));
                    storageMessage.set("Cannot load the repositories and proxies: " + message(failure));
                }));
    }

    private void loaded(Loaded loaded) {
        UUID self = original == null ? null : original.id();
        otherJobs.setAll(loaded.jobs().stream().filter(job -> !job.id().equals(self))
                .sorted(Comparator.comparing(JobView::name, String.CASE_INSENSITIVE_ORDER)).toList());
        if (original != null && original.schedule() != null && original.schedule().afterJobId() != null) {
            afterJob.set(otherJobs.stream().filter(job -> job.id().equals(original.schedule().afterJobId()))
                    .findFirst().orElse(null));
        }

        List<InventoryTree> trees = InventoryTree.build(List.of(), loaded.inventory());
        inventory.set(trees);
        Map<String, ChosenVm> known = new LinkedHashMap<>();
        for (InventoryTree host : trees) {
            host.forEach(item -> {
                if (item instanceof InventoryItem.Vm vm) {
                    known.put(vm.vm().reference(), new ChosenVm(vm.vm().reference(), host.item().name(), vm.vm(),
                            List.of()));
                }
            });
        }
        // VMs the job already names get their names and disks from the inventory, when it has them.
        chosen.setAll(chosen.stream().map(vm -> Optional.ofNullable(known.get(vm.reference()))
                .map(found -> found.excluding(vm.excludedDisks())).orElse(vm)).toList());
        inventoryMessage.set(known.isEmpty() ? "The inventory has no VM yet. Add a virtualization host in "
                + "Inventory, or rescan one." : "");
        inventoryLoaded.set(true);

        Map<UUID, Long> free = new HashMap<>();
        loaded.servers().forEach(server -> {
            if (server.facts() != null && server.facts().freeSpaceBytes() != null) {
                free.put(server.id(), server.facts().freeSpaceBytes());
            }
        });
        UUID chosenRepository = repository.get() != null ? repository.get().repository().id()
                : original != null ? original.repositoryId() : null;
        repositories.setAll(loaded.repositories().stream()
                .sorted(Comparator.comparing((RepositoryView r) -> !r.builtIn())
                        .thenComparing(RepositoryView::name, String.CASE_INSENSITIVE_ORDER))
                .map(r -> new RepositoryChoice(r, free.get(r.serverId()))).toList());
        repository.set(repositories.stream().filter(r -> r.repository().id().equals(chosenRepository)).findFirst()
                .orElse(repositories.isEmpty() ? null : repositories.getFirst()));
        proxies.setAll(loaded.proxies().stream()
                .sorted(Comparator.comparing(ProxyView::name, String.CASE_INSENSITIVE_ORDER)).toList());
        storageMessage.set(repositories.isEmpty() ? "There is no backup repository yet: add one first." : "");
    }

    // --- Name --------------------------------------------------------------------------------------

    private String checkName() {
        String typed = name.get().strip();
        if (typed.isEmpty()) {
            return "Type a name for the job.";
        }
        if (typed.length() > 128) {
            return "The name may have at most 128 characters.";
        }
        if (description.get().strip().length() > 1024) {
            return "The description may have at most 1024 characters.";
        }
        if (otherJobs.stream().anyMatch(job -> job.name().equalsIgnoreCase(typed))) {
            return "A job named '" + typed + "' already exists. Pick another name.";
        }
        return null;
    }

    // --- Virtual Machines --------------------------------------------------------------------------

    public boolean isChosen(String reference) {
        return chosen.stream().anyMatch(vm -> vm.reference().equals(reference));
    }

    /** Ticks or unticks a VM of the inventory. */
    public void choose(InventoryVm vm, String hostName, boolean on) {
        if (on && !isChosen(vm.reference())) {
            chosen.add(new ChosenVm(vm.reference(), hostName, vm, List.of()));
        } else if (!on) {
            chosen.removeIf(each -> each.reference().equals(vm.reference()));
        }
    }

    public void remove(ChosenVm vm) {
        chosen.removeIf(each -> each.reference().equals(vm.reference()));
    }

    /** "Exclude disks…": the disks of the VM the job leaves out. */
    public void exclude(ChosenVm vm, List<String> disks) {
        for (int i = 0; i < chosen.size(); i++) {
            if (chosen.get(i).reference().equals(vm.reference())) {
                chosen.set(i, chosen.get(i).excluding(disks));
            }
        }
    }

    public long totalBytes() {
        return chosen.stream().mapToLong(ChosenVm::sizeBytes).sum();
    }

    /** "Total size: 80.0 GiB": what the chosen VMs' kept disks hold, as the inventory knows them. */
    public StringBinding totalSize() {
        return Bindings.createStringBinding(() -> "Total size: " + Formats.bytes(totalBytes())
                + " in " + chosen.size() + (chosen.size() == 1 ? " VM" : " VMs"), chosen);
    }

    /**
     * A warning, not a problem: a VM that runs now may be shut down by the time the job runs. Until then
     * its disks are not read (they would not be consistent) and each run skips it with a warning.
     */
    public StringBinding runningNotice() {
        return Bindings.createStringBinding(() -> {
            List<String> running = chosen.stream().filter(vm -> vm.vm() != null && vm.vm().power() == VmPower.RUNNING)
                    .map(ChosenVm::name).toList();
            if (running.isEmpty()) {
                return null;
            }
            return String.join(", ", running) + (running.size() == 1 ? " is" : " are") + " running: Bulwark does "
                    + "not read a running VM's disks, so runs skip " + (running.size() == 1 ? "it" : "them")
                    + " with a warning until " + (running.size() == 1 ? "it is" : "they are") + " shut down.";
        }, chosen);
    }

    private String checkVms() {
        if (chosen.isEmpty()) {
            return "Add at least one VM to the job: tick it in the inventory.";
        }
        for (ChosenVm vm : chosen) {
            if (vm.nothingLeft()) {
                return "Every disk of " + vm.name() + " is excluded: keep at least one, or remove the VM.";
            }
        }
        if (inventoryLoaded.get()) {
            Optional<ChosenVm> gone = chosen.stream().filter(vm -> !vm.inInventory()).findFirst();
            if (gone.isPresent()) {
                return gone.get().reference() + " is no longer in the inventory (deleted or moved): remove it "
                        + "from the job, or rescan its host.";
            }
        }
        return null;
    }

    // --- Storage -----------------------------------------------------------------------------------

    /** The tick of one proxy in "use the selected proxies only". */
    public BooleanProperty proxyChosen(UUID proxyId) {
        return proxyChosen.computeIfAbsent(proxyId, id -> {
            BooleanProperty tick = new SimpleBooleanProperty(false);
            tick.addListener((observable, was, is) -> proxyTicks.set(proxyTicks.get() + 1));
            return tick;
        });
    }

    List<UUID> chosenProxies() {
        return proxies.stream().map(ProxyView::id).filter(id -> proxyChosen(id).get()).toList();
    }

    private String checkStorage() {
        if (repository.get() == null) {
            return repositories.isEmpty() ? "There is no backup repository yet: add one first (main menu › Add "
                    + "Backup Repository…)." : "Choose the backup repository.";
        }
        if (!automaticProxy.get() && chosenProxies().isEmpty()) {
            return "Tick at least one backup proxy, or let Bulwark choose automatically.";
        }
        Integer kept = number(retentionValue.get());
        int max = retentionUnit.get() == RetentionUnit.DAYS ? MAX_DAYS : MAX_RESTORE_POINTS;
        if (kept == null || kept < 1 || kept > max) {
            return "Retention: keep from 1 to " + max + (retentionUnit.get() == RetentionUnit.DAYS ? " days."
                    : " restore points.");
        }
        if (healthCheck.get()) {
            if (parseTime(healthCheckTime.get()) == null) {
                return "Health check: type the time as hours and minutes, such as 22:00.";
            }
            Integer day = number(healthCheckDayOfMonth.get());
            if (healthCheckKind.get() == ScheduleKind.MONTHLY && (day == null || day < 1 || day > 31)) {
                return "Health check: the day of the month is from 1 to 31.";
            }
        }
        return encryptionProblem();
    }

    // --- Storage › Advanced: the job's own encryption password -------------------------------------

    /**
     * Whether the engine holds a password for the job already (even one turned off, which its older
     * backups may still need): then empty password fields keep it rather than lack one.
     */
    public boolean passwordStored() {
        return original != null && original.encryption() != null && original.encryption().passwordSet();
    }

    private boolean keepsStoredPassword() {
        return encrypt.get() && password.get().isEmpty() && passwordStored();
    }

    private String checkPassword() {
        return encrypt.get() ? EncryptionPasswordRule.passwordProblem(password.get()) : null;
    }

    private String checkConfirmation() {
        return encrypt.get() ? EncryptionPasswordRule.confirmationProblem(password.get(), confirmation.get()) : null;
    }

    private String checkHint() {
        return encrypt.get() ? EncryptionPasswordRule.hintProblem(password.get(), hint.get(), "the job") : null;
    }

    /** The encryption fields' first problem, else what they still lack, for the Storage page. */
    private String encryptionProblem() {
        if (!encrypt.get()) {
            return null;
        }
        for (String field : List.of(PASSWORD, CONFIRMATION, HINT)) {
            String problem = call(fieldChecks.get(field));
            if (problem != null) {
                return "Encryption: " + Character.toLowerCase(problem.charAt(0)) + problem.substring(1);
            }
        }
        if (password.get().isEmpty() && !passwordStored()) {
            return "Encryption: type the job's password (Advanced…), or untick its encryption.";
        }
        if (!password.get().isEmpty() && confirmation.get().isEmpty()) {
            return "Encryption: type the password again (Advanced…), to be sure of it.";
        }
        return null;
    }

    /** What the request says of the job's encryption: an empty password keeps the stored one. */
    EncryptionRequest encryption() {
        return encrypt.get() ? new EncryptionRequest(true, password.get(), blankToNull(hint.get()))
                : new EncryptionRequest(false, null, null);
    }

    private String encryptionText() {
        if (encrypt.get()) {
            return "With the job's own password" + (keepsStoredPassword() ? " (unchanged)" : "")
                    + (hint.get().isBlank() ? "" : "; hint: " + hint.get().strip());
        }
        RepositoryChoice chosen = repository.get();
        EncryptionView its = chosen == null ? null : chosen.repository().encryption();
        return its != null && its.enabled() ? "With the repository's password" : "None";
    }

    /** The proxies line of the page and the summary: "Automatic selection" or their names. */
    public String proxiesText() {
        if (automaticProxy.get()) {
            return "Automatic selection";
        }
        return proxies.stream().filter(proxy -> proxyChosen(proxy.id()).get()).map(ProxyView::name)
                .collect(Collectors.joining(", "));
    }

    /** The Storage page's line for the Advanced… settings; never the password, only that there is one. */
    public String advancedText() {
        return storageText() + (encrypt.get() ? ", encrypted with the job's own password" : "");
    }

    private String storageText() {
        return AdvancedStorage.compression(compression.get()) + ", " + AdvancedStorage.blockSize(blockSize.get())
                + ", " + healthCheckText();
    }

    private String healthCheckText() {
        if (!healthCheck.get()) {
            return "no health check";
        }
        return "health check " + (healthCheckKind.get() == ScheduleKind.MONTHLY
                ? "monthly on day " + healthCheckDayOfMonth.get().strip()
                : "weekly on " + healthCheckWeekday.get().getDisplayName(TextStyle.FULL, Locale.ENGLISH))
                + " at " + healthCheckTime.get().strip();
    }

    /**
     * The Advanced… dialog's values, to put back when it is cancelled. It holds the typed password
     * too (Cancel puts that back as well), so its text leaves both passwords out.
     */
    public record AdvancedValues(Compression compression, Integer blockSize, boolean healthCheck, ScheduleKind kind,
                                 String time, String dayOfMonth, DayOfWeek weekday, boolean encrypt,
                                 String password, String confirmation, String hint) {
        @Override
        public String toString() {
            return "AdvancedValues[compression=" + compression + ", blockSize=" + blockSize + ", healthCheck="
                    + healthCheck + ", kind=" + kind + ", time=" + time + ", dayOfMonth=" + dayOfMonth + ", weekday="
                    + weekday + ", encrypt=" + encrypt + ", password=(hidden), confirmation=(hidden), hint=" + hint
                    + "]";
        }
    }

    public AdvancedValues advancedValues() {
        return new AdvancedValues(compression.get(), blockSize.get(), healthCheck.get(), healthCheckKind.get(),
                healthCheckTime.get(), healthCheckDayOfMonth.get(), healthCheckWeekday.get(), encrypt.get(),
                password.get(), confirmation.get(), hint.get());
    }

    public void restore(AdvancedValues values) {
        compression.set(values.compression());
        blockSize.set(values.blockSize());
        healthCheck.set(values.healthCheck());
        healthCheckKind.set(values.kind());
        healthCheckTime.set(values.time());
        healthCheckDayOfMonth.set(values.dayOfMonth());
        healthCheckWeekday.set(values.weekday());
        encrypt.set(values.encrypt());
        password.set(values.password());
        confirmation.set(values.confirmation());
        hint.set(values.hint());
    }

    // --- Schedule ----------------------------------------------------------------------------------

    public BooleanProperty dayProperty(DayOfWeek day) {
        return days.get(day);
    }

    private Set<DayOfWeek> chosenDays() {
        Set<DayOfWeek> on = EnumSet.noneOf(DayOfWeek.class);
        days.forEach((day, tick) -> {
            if (tick.get()) {
                on.add(day);
            }
        });
        return on;
    }

    private String checkSchedule() {
        ScheduleKind kind = scheduleKind.get();
        if ((kind == ScheduleKind.DAILY || kind == ScheduleKind.MONTHLY) && parseTime(time.get()) == null) {
            return "Type the time as hours and minutes, such as 22:00.";
        }
        if (kind == ScheduleKind.DAILY && chosenDays().isEmpty()) {
            return "Tick at least one day for a daily schedule.";
        }
        Integer day = number(dayOfMonth.get());
        if (kind == ScheduleKind.MONTHLY && (day == null || day < 1 || day > 31)) {
            return "The day of the month is from 1 to 31 (a shorter month runs on its last day).";
        }
        Integer hours = number(everyHours.get());
        if (kind == ScheduleKind.PERIODIC && (hours == null || hours < 1 || hours > MAX_PERIOD_HOURS)) {
            return "Run every 1 to " + MAX_PERIOD_HOURS + " hours.";
        }
        if (kind == ScheduleKind.AFTER_JOB && afterJob.get() == null) {
            return otherJobs.isEmpty() ? "There is no other job to run after: choose another schedule."
                    : "Choose the job after which this one runs.";
        }
        if (kind != ScheduleKind.MANUAL && retry.get()) {
            Integer count = number(retryCount.get());
            Integer wait = number(retryWait.get());
            if (count == null || count < 1 || count > 10) {
                return "Retry failed VMs 1 to 10 times.";
            }
            if (wait == null || wait < 0 || wait > 24 * 60) {
                return "Wait 0 to 1440 minutes before each retry.";
            }
        }
        if (kind != ScheduleKind.MANUAL && windowEnabled.get() && window.activeCountProperty().get() == 0) {
            return "The backup window allows no hour at all: allow some hours, or untick the window.";
        }
        return null;
    }

    // --- the request -------------------------------------------------------------------------------

    /** What Finish sends: everything the pages hold. */
    public JobRequest request() {
        List<JobObject> objects = chosen.stream().map(ChosenVm::object).toList();
        Retention retention = new Retention(retentionUnit.get(), Objects.requireNonNullElse(
                number(retentionValue.get()), 0));
        JobStorage storage = new JobStorage(automaticProxy.get() ? List.of() : chosenProxies(), compression.get(),
                blockSize.get(), healthCheck.get() ? healthCheckSchedule() : null);
        return new JobRequest(name.get().strip(), blankToNull(description.get()), JobType.VM_BACKUP,
                repository.get() == null ? null : repository.get().repository().id(), objects, schedule(), retention,
                storage, encryption(), original == null || original.enabled());
    }

    private JobSchedule healthCheckSchedule() {
        LocalTime at = parseTime(healthCheckTime.get());
        return healthCheckKind.get() == ScheduleKind.MONTHLY
                ? JobSchedule.monthly(at, Objects.requireNonNullElse(number(healthCheckDayOfMonth.get()), 1))
                : JobSchedule.daily(at, Set.of(healthCheckWeekday.get()));
    }

    JobSchedule schedule() {
        ScheduleKind kind = scheduleKind.get();
        if (kind == ScheduleKind.MANUAL) {
            return JobSchedule.MANUAL;
        }
        JobSchedule when = switch (kind) {
            case DAILY -> JobSchedule.daily(parseTime(time.get()), chosenDays());
            case MONTHLY -> JobSchedule.monthly(parseTime(time.get()),
                    Objects.requireNonNullElse(number(dayOfMonth.get()), 1));
            case PERIODIC -> JobSchedule.periodic(Objects.requireNonNullElse(number(everyHours.get()), 24) * 60);
            case AFTER_JOB -> JobSchedule.afterJob(afterJob.get() == null ? null : afterJob.get().id());
            case MANUAL -> JobSchedule.MANUAL;
        };
        RetryPolicy retries = retry.get() ? new RetryPolicy(Objects.requireNonNullElse(number(retryCount.get()), 0),
                Objects.requireNonNullElse(number(retryWait.get()), 0)) : RetryPolicy.NONE;
        return when.withRetries(retries).withWindow(windowEnabled.get()
                ? new BackupWindow(window.activeHours()) : null);
    }

    // --- Summary and Finish ------------------------------------------------------------------------

    private String checkRefusedPages() {
        if (engineErrors.isEmpty()) {
            return null;
        }
        String pages = engineErrors.keySet().stream().map(JobWizardStep::owning).distinct().sorted()
                .map(JobWizardStep::title).collect(Collectors.joining(", "));
        return "The engine did not take the job. Go back to " + pages + " and correct it; the fields there say "
                + "what is wrong.";
    }

    public List<Detail> summary() {
        JobRequest request = request();
        return List.of(
                new Detail("Name", request.name()),
                new Detail("Description", Formats.text(request.description())),
                new Detail("Virtual machines", chosen.stream().map(vm -> vm.name() + (vm.excludedDisks().isEmpty()
                        ? "" : " (without " + vm.excludedText() + ")")).collect(Collectors.joining(", "))),
                new Detail("Total size", Formats.bytes(totalBytes())),
                new Detail("Backup repository", repository.get() == null ? "" : repository.get().label()),
                new Detail("Backup proxies", proxiesText()),
                new Detail("Retention", request.retention().value() + (request.retention().unit() == RetentionUnit.DAYS
                        ? " days" : " restore points")),
                new Detail("Storage", storageText()),
                new Detail("Encryption", encryptionText()),
                new Detail("Schedule", scheduleText()),
                new Detail("Retries", scheduleKind.get() == ScheduleKind.MANUAL ? "Runs started by hand are not retried"
                        : retry.get() ? retryCount.get().strip() + " times, " + retryWait.get().strip()
                        + " minutes apart" : "None"),
                new Detail("Backup window", scheduleKind.get() != ScheduleKind.MANUAL && windowEnabled.get()
                        ? window.activeCountProperty().get() + " of 168 hours a week" : "Any time"));
    }

    private String scheduleText() {
        if (scheduleKind.get() == ScheduleKind.AFTER_JOB) {
            return afterJob.get() == null ? "After another job" : "After the job '" + afterJob.get().name() + "'";
        }
        return Jobs.schedule(schedule());
    }

    /**
     * Finish: saves the job (adds it, or changes the edited one). When the engine took it, {@code done}
     * runs with it, and then, when the admin ticked it, {@code start} does. A refusal stays on the
     * wizard: the fields it names say what is wrong, and the Summary page which page to go back to.
     */
    public void finish(Consumer<JobView> done, Consumer<JobView> start) {
        if (saving.get() || saved.get() != null) {
            return;
        }
        // The pages keep Finish from here until they are right; this is for a mistyped password above all,
        // which must never reach the engine as the job's password.
        Optional<String> wrong = Arrays.stream(JobWizardStep.values())
                .filter(step -> step != JobWizardStep.SUMMARY && problems.get(step).get() != null)
                .map(step -> step.title() + ": " + problems.get(step).get()).findFirst();
        if (wrong.isPresent()) {
            refusal.set("Not saved. " + wrong.get());
            return;
        }
        JobRequest request = request();
        engineErrors.clear();
        refusal.set("");
        saving.set(true);
        tasks.execute(BackgroundTask.of((original == null ? "Adding" : "Saving") + " the job '" + request.name() + "'",
                        () -> original == null ? api.create(request) : api.update(original.id(), request))
                .onSuccess(job -> {
                    saving.set(false);
                    saved.set(job);
                    // The engine has it now; the console need not hold it any longer than that.
                    password.set("");
                    confirmation.set("");
                    done.accept(job);
                    if (runAfterFinish.get()) {
                        start.accept(job);
                    }
                })
                .onFailure(failure -> {
                    saving.set(false);
                    if (failure instanceof EngineRefusedException refused && !refused.fields().isEmpty()) {
                        engineErrors.putAll(refused.fields());
                        refusal.set(refused.getMessage());
                    } else {
                        refusal.set("The engine did not save the job: " + message(failure));
                    }
                }));
    }

    // --- helpers -----------------------------------------------------------------------------------

    private static final Map<String, String> FIELD_LABELS = Map.ofEntries(
            Map.entry("name", "Name"), Map.entry("description", "Description"),
            Map.entry("repositoryId", "Backup repository"), Map.entry("objects", "Virtual machines"),
            Map.entry("retention.value", "Retention"), Map.entry("retention.unit", "Retention"),
            Map.entry("storage.blockSize", "Block size"), Map.entry("storage.compression", "Compression"),
            Map.entry("schedule.time", "Time"), Map.entry("schedule.days", "Days"),
            Map.entry("schedule.dayOfMonth", "Day of the month"), Map.entry("schedule.everyMinutes", "Period"),
            Map.entry("schedule.afterJobId", "After this job"), Map.entry("schedule.window", "Backup window"),
            Map.entry("schedule.retries.count", "Retries"), Map.entry("schedule.retries.waitMinutes", "Wait"),
            Map.entry("encryption", "Encryption"), Map.entry("encryption.enabled", "Encryption"),
            Map.entry(PASSWORD, "Password"), Map.entry(HINT, "Password hint"));

    /** The engine's problems read as predicates ("must be …", "already taken"): after the field's name. */
    private String describe(String field, String problem) {
        String label = FIELD_LABELS.get(field);
        if (label == null && field.startsWith("objects[")) {
            int index = Integer.parseInt(field.substring("objects[".length(), field.indexOf(']')));
            label = index < chosen.size() ? "VM " + chosen.get(index).name() : "VM #" + (index + 1);
        } else if (label == null && field.startsWith("storage.proxyIds")) {
            label = "Backup proxy";
        } else if (label == null && field.startsWith("storage.healthCheck")) {
            label = "Health check";
        } else if (label == null) {
            label = field;
        }
        return label + ": " + problem;
    }

    static LocalTime parseTime(String text) {
        try {
            return text == null ? null : LocalTime.parse(text.strip(), TIME);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Integer number(String text) {
        try {
            return text == null ? null : Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String message(Exception failure) {
        return Objects.requireNonNullElse(failure.getMessage(), failure.toString());
    }

    // --- properties --------------------------------------------------------------------------------

    public boolean editing() {
        return original != null;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty descriptionProperty() {
        return description;
    }

    public ReadOnlyObjectProperty<List<InventoryTree>> inventoryProperty() {
        return inventory.getReadOnlyProperty();
    }

    public ObservableList<ChosenVm> chosen() {
        return chosen;
    }

    public ReadOnlyStringProperty inventoryMessageProperty() {
        return inventoryMessage.getReadOnlyProperty();
    }

    public ObservableList<RepositoryChoice> repositories() {
        return repositories;
    }

    public ObjectProperty<RepositoryChoice> repositoryProperty() {
        return repository;
    }

    public BooleanProperty automaticProxyProperty() {
        return automaticProxy;
    }

    public ObservableList<ProxyView> proxies() {
        return proxies;
    }

    public StringProperty retentionValueProperty() {
        return retentionValue;
    }

    public ObjectProperty<RetentionUnit> retentionUnitProperty() {
        return retentionUnit;
    }

    public ObjectProperty<Compression> compressionProperty() {
        return compression;
    }

    public ObjectProperty<Integer> blockSizeProperty() {
        return blockSize;
    }

    public BooleanProperty healthCheckProperty() {
        return healthCheck;
    }

    /** MONTHLY (on a day of the month) or DAILY (weekly, on one weekday). */
    public ObjectProperty<ScheduleKind> healthCheckKindProperty() {
        return healthCheckKind;
    }

    public StringProperty healthCheckTimeProperty() {
        return healthCheckTime;
    }

    public StringProperty healthCheckDayOfMonthProperty() {
        return healthCheckDayOfMonth;
    }

    public ObjectProperty<DayOfWeek> healthCheckWeekdayProperty() {
        return healthCheckWeekday;
    }

    /** "Encrypt backup files with a password of this job's own". */
    public BooleanProperty encryptProperty() {
        return encrypt;
    }

    /** Empty when editing keeps the stored password. */
    public StringProperty passwordProperty() {
        return password;
    }

    public StringProperty confirmationProperty() {
        return confirmation;
    }

    public StringProperty hintProperty() {
        return hint;
    }

    public ReadOnlyStringProperty storageMessageProperty() {
        return storageMessage.getReadOnlyProperty();
    }

    public ObjectProperty<ScheduleKind> scheduleKindProperty() {
        return scheduleKind;
    }

    public StringProperty timeProperty() {
        return time;
    }

    public StringProperty dayOfMonthProperty() {
        return dayOfMonth;
    }

    public StringProperty everyHoursProperty() {
        return everyHours;
    }

    public ObjectProperty<JobView> afterJobProperty() {
        return afterJob;
    }

    public ObservableList<JobView> otherJobs() {
        return otherJobs;
    }

    public BooleanProperty retryProperty() {
        return retry;
    }

    public StringProperty retryCountProperty() {
        return retryCount;
    }

    public StringProperty retryWaitProperty() {
        return retryWait;
    }

    public BooleanProperty windowEnabledProperty() {
        return windowEnabled;
    }

    public WeeklyHours window() {
        return window;
    }

    public BooleanProperty runAfterFinishProperty() {
        return runAfterFinish;
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return saving.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<JobView> savedProperty() {
        return saved.getReadOnlyProperty();
    }

    /** Why the page is not right yet (the engine's complaint, else the page's own check), or null. */
    public StringBinding problem(JobWizardStep step) {
        return problems.get(step);
    }

    /**
     * The engine's complaint about a field (or any field under it: {@code schedule.window} and its days),
     * else, for the encryption fields ({@link #PASSWORD}, {@link #CONFIRMATION}, {@link #HINT}), the
     * console's own check of what is typed there; or null.
     */
    public StringBinding fieldError(String field) {
        Callable<String> own = fieldChecks.getOrDefault(field, () -> null);
        return Bindings.createStringBinding(() -> engineErrors.entrySet().stream()
                .filter(error -> error.getKey().equals(field) || error.getKey().startsWith(field + ".")
                        || error.getKey().startsWith(field + "["))
                .sorted(Map.Entry.comparingByKey())
                .map(error -> describe(error.getKey(), error.getValue())).findFirst().orElseGet(() -> call(own)),
                engineErrors, encrypt, password, confirmation, hint);
    }

    /** What the engine said when it did not save the job, or empty. */
    public ReadOnlyStringProperty refusalProperty() {
        return refusal.getReadOnlyProperty();
    }
}
