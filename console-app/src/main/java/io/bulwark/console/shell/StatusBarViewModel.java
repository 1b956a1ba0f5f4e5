package io.bulwark.console.shell;

import io.bulwark.console.common.EventBus;
import io.bulwark.console.common.Formats;
import io.bulwark.console.connection.ConnectionEvents.StreamLost;
import io.bulwark.console.connection.ConnectionEvents.StreamOpened;
import io.bulwark.console.connection.EngineConnection;
import java.time.Duration;
import java.time.Instant;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;

/** The status bar: which engine, who is logged in, how the connection is doing, and what runs in the background. */
public final class StatusBarViewModel {
    private final String engine;
    private final String engineVersion;
    private final String user;
    private final ObservableBooleanValue busy;
    private final ObservableStringValue activity;
    private final ReadOnlyObjectWrapper<ConnectionState> state = new ReadOnlyObjectWrapper<>(ConnectionState.CONNECTED);
    private final ReadOnlyStringWrapper connectionText = new ReadOnlyStringWrapper("Connected");
    private final ReadOnlyStringWrapper connectionDetail = new ReadOnlyStringWrapper("");
    private Instant retryAt;

    /**
     * @param busy     whether background work runs
     * @param activity what the newest background work is
     */
    public StatusBarViewModel(EngineConnection connection, EventBus bus, ObservableBooleanValue busy,
                              ObservableStringValue activity) {
        this.engine = connection.engine().hostname() + " (" + connection.address() + ")";
        this.engineVersion = "Bulwark " + connection.engine().version();
        this.user = connection.user().username() + " (" + Formats.label(connection.user().role()) + ")";
        this.busy = busy;
        this.activity = activity;
        bus.subscribe(StreamOpened.class, this::opened);
        bus.subscribe(StreamLost.class, this::lost);
    }

    private void opened(StreamOpened opened) {
        state.set(opened.afterLoss() ? ConnectionState.RECONNECTED : ConnectionState.CONNECTED);
        connectionText.set(opened.afterLoss() ? "Reconnected" : "Connected");
        connectionDetail.set("");
        retryAt = null;
    }

    private void lost(StreamLost lost) {
        state.set(ConnectionState.LOST);
        connectionDetail.set(lost.reason());
        retryAt = lost.retryAt();
        tick(Instant.now());
    }

    /** Counts down to the next attempt; the view calls it every second. */
    public void tick(Instant now) {
        if (state.get() != ConnectionState.LOST || retryAt == null) {
            return;
        }
        long seconds = (Duration.between(now, retryAt).toMillis() + 999) / 1000;
        connectionText.set(seconds > 0 ? "Connection lost — retrying in " + seconds + " s"
                : "Connection lost — retrying now");
    }

    public String engine() {
        return engine;
    }

    /** The engine's release, which an admin needs to name when installing a console or upgrading. */
    public String engineVersion() {
        return engineVersion;
    }

    public String user() {
        return user;
    }

    public ObservableBooleanValue busy() {
        return busy;
    }

    public ObservableStringValue activity() {
        return activity;
    }

    public ReadOnlyObjectProperty<ConnectionState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty connectionTextProperty() {
        return connectionText.getReadOnlyProperty();
    }

    /** Why the connection was lost, for a tooltip. */
    public ReadOnlyStringProperty connectionDetailProperty() {
        return connectionDetail.getReadOnlyProperty();
    }
}
