package io.bulwark.console.sessions;

import io.bulwark.console.common.EventBus;
import io.bulwark.console.common.Scheduler;
import io.bulwark.console.common.TaskExecutor;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The statistics windows of one login: opens one per session on {@link OpenSessionStatistics} (or
 * {@link #open}), brings it to the front when it is open already, and closes them all at logout.
 */
public final class SessionStatistics {
    private final SessionApi api;
    private final TaskExecutor tasks;
    private final Scheduler scheduler;
    private final EventBus bus;
    private final Clock clock;
    private final Map<UUID, SessionStatisticsWindow> open = new HashMap<>();

    public SessionStatistics(SessionApi api, TaskExecutor tasks, Scheduler scheduler, EventBus bus, Clock clock) {
        this.api = api;
        this.tasks = tasks;
        this.scheduler = scheduler;
        this.bus = bus;
        this.clock = clock;
        bus.subscribe(OpenSessionStatistics.class, request -> open(request.sessionId()));
    }

    /** Shows the session's statistics window. On the FX thread. */
    public void open(UUID sessionId) {
        SessionStatisticsWindow shown = open.get(sessionId);
        if (shown != null) {
            shown.toFront();
            return;
        }
        SessionStatisticsWindow window = new SessionStatisticsWindow(
                new SessionStatisticsViewModel(sessionId, api, tasks, scheduler, bus, clock));
        open.put(sessionId, window);
        window.onClosed(() -> open.remove(sessionId));
        window.show();
    }

    /** The login ends: its windows go with it. */
    public void closeAll() {
        List.copyOf(open.values()).forEach(SessionStatisticsWindow::close);
        open.clear();
    }
}
