package io.bulwark.console.wizard;

import io.bulwark.protocol.servers.DeploymentView;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What a wizard's Apply page shows: the log of what was done, how far it has come, and how it
 * ended. The console's own steps ("Saving the server") come first, then the engine's deployment
 * log, which the engine sends whole on every read and so replaces the earlier copy.
 */
public final class ApplyProgress {
    /** The progress of work whose length is not known (a progress bar's convention). */
    public static final double INDETERMINATE = -1;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final List<String> ownLines = new ArrayList<>();
    private List<String> deploymentLines = List.of();
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<ApplyState> state = new ReadOnlyObjectWrapper<>(ApplyState.NOT_STARTED);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    /** Starts (or starts again, for Retry) with an empty log. */
    public void begin(String what) {
        ownLines.clear();
        deploymentLines = List.of();
        state.set(ApplyState.RUNNING);
        progress.set(INDETERMINATE);
        message.set(what);
        note(what);
    }

    /** A step of the console's own. */
    public void note(String line) {
        ownLines.add(line);
        refreshLog();
    }

    public void show(DeploymentView deployment) {
        deploymentLines = deployment.log() == null ? List.of()
                : deployment.log().stream().map(ApplyProgress::line).toList();
        if (state.get() == ApplyState.RUNNING) {
            progress.set(deployment.percent() / 100.0);
        }
        refreshLog();
    }

    public void succeeded(String summary) {
        state.set(ApplyState.SUCCEEDED);
        progress.set(1);
        message.set(summary);
    }

    public void failed(String reason) {
        state.set(ApplyState.FAILED);
        if (progress.get() < 0) {
            progress.set(0);
        }
        message.set(reason);
    }

    private void refreshLog() {
        log.setAll(Stream.concat(ownLines.stream(), deploymentLines.stream()).toList());
    }

    private static String line(DeploymentView.Line line) {
        String level = "INFO".equals(line.level()) ? "" : line.level().toUpperCase(Locale.ROOT) + ": ";
        return (line.at() == null ? "" : TIME.format(line.at()) + "  ") + "[" + line.step() + "] " + level + line.text();
    }

    public ObservableList<String> log() {
        return log;
    }

    public ReadOnlyObjectProperty<ApplyState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ApplyState state() {
        return state.get();
    }

    /** 0 to 1, or {@link #INDETERMINATE}. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** What is happening now, or how it ended (a failure's reason, as the engine gave it). */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
