package io.bulwark.console.history;

import io.bulwark.console.common.Detail;
import io.bulwark.console.common.EventBus;
import io.bulwark.console.common.Formats;
import io.bulwark.console.sessions.OpenSessionStatistics;
import io.bulwark.console.table.Column;
import io.bulwark.console.table.RowAction;
import io.bulwark.console.table.TableDefinition;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.sessions.SessionView;
import java.util.List;
import org.kordamp.ikonli.material2.Material2AL;

/** History: one row per job session. History is a record; the console does not offer to remove it. */
public final class History {
    private History() {
    }

    public static TableDefinition<SessionView> definition() {
        return TableDefinition.of("History", "session", ApiPaths.SESSIONS, SessionView.class, List.of(),
                List.of(Column.of("Job", 220, SessionView::jobName),
                        Column.formatted("State", 100, SessionView::state, Formats::label),
                        Column.formatted("Started", 160, SessionView::startedAt, Formats::instant),
                        Column.formatted("Ended", 160, SessionView::endedAt, Formats::instant),
                        Column.formatted("Progress", 90, SessionView::progressPercent, percent -> percent + " %"),
                        Column.formatted("Processed", 110, SessionView::processedBytes, Formats::bytes),
                        Column.formatted("Transferred", 110, SessionView::transferredBytes, Formats::bytes)),
                History::details, false);
    }

    /** Statistics: the session's statistics window, live while it runs (also what a double-click does). */
    public static RowAction<SessionView> statistics(EventBus bus) {
        return RowAction.onRow("action-statistics", "Statistics", Material2AL.INSERT_CHART_OUTLINED, session -> true,
                session -> bus.publish(new OpenSessionStatistics(session.id())));
    }

    private static List<Detail> details(SessionView session) {
        return List.of(
                new Detail("Job", session.jobName()),
                new Detail("Type", Formats.label(session.jobType())),
                new Detail("State", Formats.label(session.state())),
                new Detail("Started", Formats.instant(session.startedAt())),
                new Detail("Ended", Formats.instant(session.endedAt())),
                new Detail("Progress", session.progressPercent() + " %"),
                new Detail("Processed", Formats.bytes(session.processedBytes())),
                new Detail("Transferred", Formats.bytes(session.transferredBytes())),
                new Detail("Message", Formats.text(session.message())));
    }
}
