package io.bulwark.console.sessions;

import io.bulwark.console.common.EventBus;
import io.bulwark.console.common.Formats;
import io.bulwark.console.common.Poller;
import io.bulwark.console.common.Scheduler;
import io.bulwark.console.common.TaskExecutor;
import io.bulwark.console.connection.ConnectionEvents.StreamOpened;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.control.StageLoad;
import io.bulwark.protocol.events.ChangeEvent;
import io.bulwark.protocol.sessions.RateSample;
import io.bulwark.protocol.sessions.SessionDetails;
import io.bulwark.protocol.sessions.SessionState;
import io.bulwark.protocol.sessions.SessionTaskView;
import io.bulwark.protocol.sessions.SessionView;
import io.bulwark.protocol.sessions.SessionVmView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The session statistics window of one session, as Veeam's shows it: progress, the Summary (duration,
 * processing rate, bottleneck), the Data (processed, read, transferred), the Status (success,
 * warnings, errors), how busy each stage of the data path was, the throughput over time, and the VMs
 * with the chosen one's log.
 *
 * <p>It follows a running session with a {@link Poller}: every second, and at once when the engine
 * says the session changed. A finished session is read once.
 */
public final class SessionStatisticsViewModel {
    private static final double MIB = 1024 * 1024;
    private static final String SESSIONS = ApiPaths.collection(ApiPaths.SESSIONS);

    private final UUID sessionId;
    private final Clock clock;
    private final Poller<SessionDetails> poller;
    private final List<Runnable> subscriptions;

    private final ReadOnlyStringWrapper jobName = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<SessionState> state = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper stateText = new ReadOnlyStringWrapper("Loading…");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    /** 0–1, or -1 before the first read. */
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper duration = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper processingRate = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper processed = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper read = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper transferred = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper success = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper warnings = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper errors = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper sourceLoad = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper proxyLoad = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper networkLoad = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper targetLoad = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper bottleneck = new ReadOnlyStringWrapper("");
    private final ObservableList<RatePoint> throughput = FXCollections.observableArrayList();
    private final ObservableList<VmRow> vms = FXCollections.observableArrayList();
    private final ObjectProperty<VmRow> selectedVm = new SimpleObjectProperty<>();
    private final ObservableList<String> vmLog = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper vmReason = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper live = new ReadOnlyBooleanWrapper();

    private SessionDetails last;

    public SessionStatisticsViewModel(UUID sessionId, SessionApi api, TaskExecutor tasks, Scheduler scheduler,
                                      EventBus bus, Clock clock) {
        this.sessionId = sessionId;
        this.clock = clock;
        this.poller = new Poller<>("Reading the session's statistics", () -> api.details(sessionId),
                details -> details.session().state().finished(), this::show, this::readFailed, tasks, scheduler);
        this.subscriptions = List.of(
                bus.subscribe(ChangeEvent.class, change -> {
                    if (SESSIONS.equals(change.collection()) && sessionId.equals(change.id())) {
                        poller.poke();
                    }
                }),
                // A read that failed while the connection was down stopped the following: pick it up again.
                bus.subscribe(StreamOpened.class, opened -> {
                    if (last == null || !last.session().state().finished()) {
                        follow();
                    }
                }));
        selectedVm.subscribe(this::showLog);
    }

    /** Reads the session, and keeps reading it while it runs. */
    public void follow() {
        live.set(true);
        poller.start();
    }

    /** The window closed: stop reading, stop listening. */
    public void close() {
        poller.stop();
        live.set(false);
        subscriptions.forEach(Runnable::run);
    }

    private void show(SessionDetails details) {
        last = details;
        problem.set("");
        SessionView session = details.session();
        jobName.set(session.jobName());
        state.set(session.state());
        stateText.set(Formats.label(session.state()));
        message.set(Objects.requireNonNullElse(session.message(), ""));
        progress.set(session.state() == SessionState.SUCCESS ? 1 : session.progressPercent() / 100.0);
        progressText.set((session.state() == SessionState.SUCCESS ? 100 : session.progressPercent()) + " %");

        Duration took = took(session.startedAt(), session.endedAt());
        duration.set(SessionFormats.duration(took));
        // Processing rate as Veeam defines it: what was processed over the whole session's time.
        processingRate.set(SessionFormats.rate(session.processedBytes() * 1000 / Math.max(1, took.toMillis())));
        processed.set(Formats.bytes(session.processedBytes()));
        read.set(Formats.bytes(details.readBytes()));
        transferred.set(Formats.bytes(session.transferredBytes()) + ratio(details.readBytes(), session.transferredBytes()));
        success.set(details.success());
        warnings.set(details.warnings());
        errors.set(details.errors());

        StageLoad load = Objects.requireNonNullElse(details.load(), StageLoad.NONE);
        sourceLoad.set(load.source());
        proxyLoad.set(load.proxy());
        networkLoad.set(load.network());
        targetLoad.set(load.target());
        bottleneck.set(bottleneckOf(load));

        throughput.setAll(details.samples().stream().map(sample -> point(session.startedAt(), sample)).toList());

        UUID chosen = selectedVm.get() == null ? null : selectedVm.get().id();
        List<VmRow> rows = details.vms().stream().map(this::row).toList();
        vms.setAll(rows);
        selectedVm.set(rows.stream().filter(row -> row.id().equals(chosen)).findFirst()
                .orElse(rows.isEmpty() ? null : rows.getFirst()));
        // The same row (equal record) does not fire a change; its log may have grown all the same.
        showLog(selectedVm.get());
        live.set(!session.state().finished());
    }

    /** "Target", as the engine names the busiest stage; nothing while no stage has worked yet. */
    static String bottleneckOf(StageLoad load) {
        String busiest = load.bottleneck();
        return "None".equals(busiest) ? "" : busiest;
    }

    /** How much smaller the data became on its way (dedup and compression), as Veeam writes it: "(2.1x)". */
    private static String ratio(long readBytes, long transferredBytes) {
        if (readBytes <= 0 || transferredBytes <= 0) {
            return "";
        }
        return String.format(Locale.ROOT, " (%.1fx)", (double) readBytes / transferredBytes);
    }

    private Duration took(Instant started, Instant ended) {
        if (started == null) {
            return Duration.ZERO;
        }
        Duration took = Duration.between(started, ended != null ? ended : clock.instant());
        return took.isNegative() ? Duration.ZERO : took;
    }

    private static RatePoint point(Instant started, RateSample sample) {
        double second = started == null ? 0 : Duration.between(started, sample.at()).toMillis() / 1000.0;
        return new RatePoint(second, sample.readPerSecond() / MIB, sample.transferredPerSecond() / MIB);
    }

    private VmRow row(SessionVmView vm) {
        long total = vm.tasks().stream().mapToLong(SessionTaskView::totalBytes).sum();
        long done = vm.tasks().stream().mapToLong(SessionTaskView::doneBytes).sum();
        String progressOfVm = total <= 0 ? "" : Formats.bytes(done) + " of " + Formats.bytes(total)
                + " (" + done * 100 / total + " %)";
        String durationOfVm = vm.startedAt() == null ? "" : SessionFormats.duration(took(vm.startedAt(), vm.endedAt()));
        return new VmRow(vm.id(), vm.name(), vm.state(), Formats.label(vm.state()), durationOfVm, progressOfVm,
                reason(vm));
    }

    /** Why a VM failed or warned: its own message, else the first of its disks' messages. */
    private static String reason(SessionVmView vm) {
        if (vm.state() != SessionState.FAILED && vm.state() != SessionState.WARNING
                && vm.state() != SessionState.STOPPED) {
            return "";
        }
        if (vm.message() != null && !vm.message().isBlank()) {
            return vm.message();
        }
        return vm.tasks().stream().map(SessionTaskView::message).filter(text -> text != null && !text.isBlank())
                .findFirst().orElse("");
    }

    private void showLog(VmRow row) {
        if (row == null || last == null) {
            vmLog.clear();
            vmReason.set("");
            return;
        }
        SessionVmView vm = last.vms().stream().filter(candidate -> candidate.id().equals(row.id())).findFirst()
                .orElse(null);
        List<String> lines = vm == null || vm.log() == null ? List.of() : vm.log();
        if (!lines.equals(vmLog)) {
            vmLog.setAll(lines);
        }
        vmReason.set(row.reason());
    }

    private void readFailed(Exception failure) {
        live.set(false);
        problem.set("Cannot read the session: " + Objects.requireNonNullElse(failure.getMessage(), failure.toString()));
    }

    public UUID sessionId() {
        return sessionId;
    }

    public ReadOnlyStringProperty jobNameProperty() {
        return jobName.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<SessionState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The state in words: Running, Success, Warning, Failed, Stopped. */
    public ReadOnlyStringProperty stateTextProperty() {
        return stateText.getReadOnlyProperty();
    }

    /** The session's own message: why it failed or stopped, or what it did. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty durationProperty() {
        return duration.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty processingRateProperty() {
        return processingRate.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty processedProperty() {
        return processed.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty readProperty() {
        return read.getReadOnlyProperty();
    }

    /** What reached the repository, with how much smaller than what was read it is. */
    public ReadOnlyStringProperty transferredProperty() {
        return transferred.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty successProperty() {
        return success.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty warningsProperty() {
        return warnings.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty errorsProperty() {
        return errors.getReadOnlyProperty();
    }

    /** Percent of the time reading the source disks kept busy. */
    public ReadOnlyIntegerProperty sourceLoadProperty() {
        return sourceLoad.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty proxyLoadProperty() {
        return proxyLoad.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty networkLoadProperty() {
        return networkLoad.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty targetLoadProperty() {
        return targetLoad.getReadOnlyProperty();
    }

    /** The busiest stage (Source, Proxy, Network, Target); empty while none has worked. */
    public ReadOnlyStringProperty bottleneckProperty() {
        return bottleneck.getReadOnlyProperty();
    }

    public ObservableList<RatePoint> throughput() {
        return throughput;
    }

    public ObservableList<VmRow> vms() {
        return vms;
    }

    public ObjectProperty<VmRow> selectedVmProperty() {
        return selectedVm;
    }

    /** The chosen VM's log, oldest line first. */
    public ObservableList<String> vmLog() {
        return vmLog;
    }

    /** Why the chosen VM failed or warned; empty when it did not. */
    public ReadOnlyStringProperty vmReasonProperty() {
        return vmReason.getReadOnlyProperty();
    }

    /** Why the window shows nothing new: the engine could not be read. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Whether the session still runs and the window follows it. */
    public ReadOnlyBooleanProperty liveProperty() {
        return live.getReadOnlyProperty();
    }
}
