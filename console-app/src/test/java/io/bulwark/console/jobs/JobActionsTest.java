package io.bulwark.console.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.bulwark.console.common.CurrentThreadTaskExecutor;
import io.bulwark.console.common.EventBus;
import io.bulwark.console.common.ScriptedDialogService;
import io.bulwark.console.inventory.FakeInventoryApi;
import io.bulwark.console.table.RowAction;
import io.bulwark.protocol.jobs.JobType;
import io.bulwark.protocol.jobs.JobView;
import io.bulwark.protocol.repositories.EncryptionRequest;
import io.bulwark.protocol.repositories.EncryptionView;
import io.bulwark.protocol.sessions.SessionState;
import io.bulwark.protocol.sessions.SessionView;
import java.time.Instant;
import java.util.UUID;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class JobActionsTest {
    private final FakeJobApi engine = new FakeJobApi();
    private final ScriptedDialogService dialogs = new ScriptedDialogService();
    private final EventBus bus = new EventBus(Runnable::run);
    private final List<String> opened = new ArrayList<>();
    private final List<SessionStarted> started = new ArrayList<>();
    private final Map<String, RowAction<JobRow>> actions = new JobActions(engine, new CurrentThreadTaskExecutor(),
            dialogs, bus).actions(() -> opened.add("New Backup Job"), job -> opened.add("Edit " + job.name()))
            .stream().collect(Collectors.toMap(RowAction::id, Function.identity()));

    private static JobRow row(JobView job) {
        return new JobRow(job, null);
    }

    private static SessionView session(JobView job, SessionState state, int percent) {
        return new SessionView(UUID.randomUUID(), job.id(), job.name(), JobType.VM_BACKUP, state,
                Instant.parse("2025-03-01T22:00:00Z"), state.finished() ? Instant.parse("2025-03-01T22:10:00Z") : null,
                percent, 0, 0, null);
    }

    private List<Boolean> enabled(String action, JobRow... rows) {
        return java.util.Arrays.stream(rows).map(each -> actions.get(action).enabledFor().test(each)).toList();
    }

    JobActionsTest() {
        bus.subscribe(SessionStarted.class, started::add);
    }

    @Test
    void startStopRetryAndActiveFullAskTheEngineAndASessionStartedIsAnnounced() {
        JobView nightly = engine.job("Nightly", true);

        for (String action : List.of("action-start-job", "action-stop-job", "action-retry-job", "action-active-full",
                "action-health-check")) {
            actions.get(action).run().accept(row(nightly));
        }

        assertThat(engine.calls).containsExactly("START Nightly", "STOP Nightly", "RETRY Nightly", "ACTIVE_FULL Nightly",
                "HEALTH_CHECK Nightly");
        assertThat(started).as("Stop starts nothing").hasSize(4)
                .allSatisfy(session -> assertThat(session.jobId()).isEqualTo(nightly.id()));
        assertThat(dialogs.shown()).isEmpty();
    }

    @Test
    void aDisabledJobCannotBeStartedButCanBeEnabledAndNothingRunsWithoutARow() {
        JobView off = engine.job("Off", false);

        assertThat(actions.get("action-start-job").enabledFor().test(row(off))).isFalse();
        assertThat(actions.get("action-active-full").enabledFor().test(row(off))).isFalse();
        assertThat(actions.get("action-edit-job").enabledFor().test(null)).isFalse();
        assertThat(actions.get("action-new-job").enabledFor().test(null)).isTrue();

        actions.get("action-disable-job").run().accept(row(off));
        assertThat(engine.calls).containsExactly("update Off enabled=true");
        assertThat(engine.created.getFirst().name()).isEqualTo("Off");
        actions.get("action-disable-job").run().accept(row(engine.jobs.get(off.id())));
        assertThat(engine.calls).last().isEqualTo("update Off enabled=false");
    }

    @Test
    void disablingAJobWithItsOwnPasswordKeepsThePasswordAndHint() {
        JobView sealed = engine.encrypted(engine.job("Sealed", true), "in the safe");

        actions.get("action-disable-job").run().accept(row(sealed));

        assertThat(engine.calls).containsExactly("update Sealed enabled=false");
        assertThat(engine.created.getFirst().encryption()).as("an empty password keeps the stored one")
                .isEqualTo(new EncryptionRequest(true, "", "in the safe"));
        assertThat(engine.jobs.get(sealed.id()).encryption()).isEqualTo(new EncryptionView(true, true, "in the safe"));

        JobView plain = engine.job("Plain", true);
        actions.get("action-disable-job").run().accept(row(plain));
        assertThat(engine.created.getLast().encryption()).isEqualTo(new EncryptionRequest(false, null, null));
    }

    @Test
    void theEnginesRefusalIsShownAsItSaysIt() {
        JobView nightly = engine.job("Nightly", true);
        engine.refuse = FakeInventoryApi.refused(409, "The job 'Nightly' is running already.", Map.of());

        actions.get("action-start-job").run().accept(row(nightly));

        assertThat(dialogs.shown()).singleElement().satisfies(shown -> {
            assertThat(shown.kind()).isEqualTo("error");
            assertThat(shown.title()).isEqualTo("Cannot start the job 'Nightly'");
            assertThat(shown.message()).isEqualTo("The job 'Nightly' is running already.");
        });
        assertThat(started).isEmpty();
    }

    @Test
    void deleteAsksAndDeletesTheBackupsOnlyWhenTheAdminTickedIt() {
        JobView keep = engine.job("Keep", true);
        JobView purge = engine.job("Purge", true);

        actions.get("action-delete-job").run().accept(row(keep));
        assertThat(engine.calls).as("cancelled").isEmpty();

        dialogs.confirming(true);
        actions.get("action-delete-job").run().accept(row(keep));
        dialogs.ticking(true);
        actions.get("action-delete-job").run().accept(row(purge));

        assertThat(engine.calls).containsExactly("delete Keep", "delete Purge with backups");
        assertThat(dialogs.shown()).last().satisfies(question -> {
            assertThat(question.title()).isEqualTo("Delete the job 'Purge'?");
            assertThat(question.message()).contains("[Also delete the job's backups from the repository]");
        });
    }

    @Test
    void stopIsOfferedWhileTheJobRunsAndStartRetryActiveFullAndDeleteWhileItDoesNot() {
        JobView nightly = engine.job("Nightly", true);
        JobRow idle = row(nightly);
        JobRow running = new JobRow(nightly, session(nightly, SessionState.RUNNING, 45));
        JobRow failed = new JobRow(nightly, session(nightly, SessionState.FAILED, 100));

        assertThat(enabled("action-stop-job", idle, running, failed)).containsExactly(false, true, false);
        assertThat(enabled("action-start-job", idle, running, failed)).containsExactly(true, false, true);
        assertThat(enabled("action-retry-job", idle, running, failed)).as("nothing ran yet").containsExactly(false, false, true);
        assertThat(enabled("action-delete-job", idle, running, failed)).containsExactly(true, false, true);
        assertThat(enabled("action-health-check", idle, running, failed)).as("nothing stored yet")
                .containsExactly(false, false, true);
        assertThat(running.status()).isEqualTo("Running 45 %");
        assertThat(failed.lastResult()).isEqualTo("Failed");
        assertThat(idle.status()).isEqualTo("Idle");
    }

    @Test
    void eachJobGetsItsLatestSession() {
        JobView nightly = engine.job("Nightly", true);
        JobView weekly = engine.job("Weekly", false);
        SessionView older = session(nightly, SessionState.FAILED, 100);
        SessionView newer = new SessionView(UUID.randomUUID(), nightly.id(), "Nightly", JobType.VM_BACKUP,
                SessionState.SUCCESS, older.startedAt().plusSeconds(60), older.startedAt().plusSeconds(90), 100, 0, 0, null);
        engine.sessions.addAll(List.of(newer, older));

        List<JobRow> rows = new JobRowSource(engine).list();

        assertThat(rows).extracting(JobRow::name, JobRow::lastResult, JobRow::status)
                .containsExactly(tuple("Nightly", "Success", "Idle"), tuple("Weekly", "", "Disabled"));
    }

    @Test
    void newAndEditOpenTheWizard() {
        JobView nightly = engine.job("Nightly", true);

        actions.get("action-new-job").run().accept(null);
        actions.get("action-edit-job").run().accept(row(nightly));

        assertThat(opened).containsExactly("New Backup Job", "Edit Nightly");
    }
}
