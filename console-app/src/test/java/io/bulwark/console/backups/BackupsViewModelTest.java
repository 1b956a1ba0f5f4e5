package io.bulwark.console.backups;

import static io.bulwark.console.restore.FakeRestoreApi.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.bulwark.console.common.CurrentThreadTaskExecutor;
import io.bulwark.console.common.EventBus;
import io.bulwark.console.common.ScriptedDialogService;
import io.bulwark.console.table.EntitySource;
import io.bulwark.console.table.EntityTableViewModel;
import io.bulwark.protocol.backups.BackupHealth;
import io.bulwark.protocol.backups.RestorePointView;
import io.bulwark.protocol.events.ChangeAction;
import io.bulwark.protocol.events.ChangeEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BackupsViewModelTest {
    private static final UUID HOST = UUID.randomUUID();
    private static final UUID NIGHTLY = UUID.randomUUID();
    private static final UUID HOURLY = UUID.randomUUID();
    private static final Instant MONDAY = Instant.parse("2025-03-03T22:00:00Z");

    private final List<RestorePointView> stored = new ArrayList<>();
    private final EntitySource<RestorePointView> source = new EntitySource<>() {
        @Override
        public List<RestorePointView> list() {
            return List.copyOf(stored);
        }

        @Override
        public void delete(UUID id) {
            throw new UnsupportedOperationException("Backups are not removed from this view");
        }
    };
    private final EventBus bus = new EventBus(Runnable::run);
    private final ScriptedDialogService dialogs = new ScriptedDialogService();
    private final EntityTableViewModel<RestorePointView> table = new EntityTableViewModel<>(Backups.definition(),
            source, new CurrentThreadTaskExecutor(), dialogs, bus);
    private final List<String> restores = new ArrayList<>();
    private final BackupsViewModel backups = new BackupsViewModel(table,
            (vm, point) -> restores.add(vm + " @ " + point));

    private final RestorePointView webMonday = point(NIGHTLY, "Nightly", HOST, "/vms/web", "web", MONDAY,
            BackupHealth.HEALTHY, "vda", "vdb");
    private final RestorePointView webTuesday = point(NIGHTLY, "Nightly", HOST, "/vms/web", "web",
            MONDAY.plusSeconds(86400), BackupHealth.UNVERIFIED, "vda", "vdb");
    private final RestorePointView db = point(NIGHTLY, "Nightly", HOST, "/vms/db", "db", MONDAY.plusSeconds(60),
            BackupHealth.DAMAGED, "vda");
    private final RestorePointView app = point(HOURLY, "Hourly", HOST, "/vms/app", "app", MONDAY.plusSeconds(3600),
            BackupHealth.HEALTHY, "vda");

    @Test
    void everyBackupIsListedByJobThenVmThenRestorePointNewestFirst() {
        stored.addAll(List.of(webMonday, db, app, webTuesday));
        table.reload();

        List<BackupNode> jobs = backups.jobsProperty().get();

        assertThat(jobs).extracting(BackupNode::name, BackupNode::points).containsExactly(
                tuple("Hourly", 1), tuple("Nightly", 3));
        BackupNode nightly = jobs.get(1);
        assertThat(nightly.children()).extracting(BackupNode::name, BackupNode::points, BackupNode::created)
                .containsExactly(tuple("db", 1, MONDAY.plusSeconds(60)), tuple("web", 2, MONDAY.plusSeconds(86400)));
        BackupNode web = nightly.children().get(1);
        assertThat(web.children()).extracting(BackupNode::point).containsExactly(webTuesday, webMonday);
        assertThat(web.sizeBytes()).as("the newest point's two disks").isEqualTo(128 * 1024 * 1024);
        assertThat(web.repository()).isEqualTo("Default Backup Repository");
        assertThat(nightly.created()).isEqualTo(webTuesday.createdAt());
        assertThat(nightly.sizeBytes()).as("each VM's newest point").isEqualTo(192 * 1024 * 1024);
    }

    @Test
    void aLineShowsTheWorstHealthBelowIt() {
        stored.addAll(List.of(webMonday, db, app, webTuesday));
        table.reload();

        List<BackupNode> jobs = backups.jobsProperty().get();

        assertThat(jobs.get(0).health()).isEqualTo(BackupHealth.HEALTHY);
        assertThat(jobs.get(1).health()).as("db is damaged").isEqualTo(BackupHealth.DAMAGED);
        assertThat(jobs.get(1).children()).extracting(BackupNode::health)
                .containsExactly(BackupHealth.DAMAGED, BackupHealth.UNVERIFIED);
        assertThat(jobs.get(1).children().get(1).children()).extracting(BackupNode::health)
                .containsExactly(BackupHealth.UNVERIFIED, BackupHealth.HEALTHY);
    }

    @Test
    void aSessionEndingReloadsTheBackupsAndKeepsTheChosenLine() {
        stored.add(webMonday);
        table.reload();
        BackupNode web = backups.jobsProperty().get().getFirst().children().getFirst();
        backups.selectedProperty().set(web);
        assertThat(table.selectedProperty().get()).as("a VM stands for its newest restore point").isEqualTo(webMonday);

        stored.add(webTuesday);
        bus.publish(new ChangeEvent(1, Instant.now(), "sessions", ChangeAction.UPDATED, UUID.randomUUID(), "system"));

        assertThat(backups.jobsProperty().get().getFirst().points()).isEqualTo(2);
        assertThat(backups.selectedProperty().get().key()).isEqualTo(web.key());
        assertThat(table.selectedProperty().get()).isEqualTo(webTuesday);
    }

    @Test
    void restoreOnAVmStartsFromItsNewestPointAndOnAPointFromThatPoint() {
        stored.addAll(List.of(webMonday, webTuesday));
        table.reload();
        BackupNode web = backups.jobsProperty().get().getFirst().children().getFirst();

        backups.selectedProperty().set(backups.jobsProperty().get().getFirst());
        backups.restoreSelected();
        assertThat(restores).as("a job is not restored as such").isEmpty();
        assertThat(table.canRun(table.actions().getFirst())).isFalse();

        backups.selectedProperty().set(web);
        assertThat(table.canRun(table.actions().getFirst())).isTrue();
        table.run(table.actions().getFirst());
        backups.selectedProperty().set(web.children().get(1));
        table.run(table.actions().getFirst());

        assertThat(restores).containsExactly(webMonday.vmReference() + " @ null",
                webMonday.vmReference() + " @ " + webMonday.id());
    }

    @Test
    void aDeletedJobsBackupsStayUnderItsName() {
        RestorePointView orphan = point(null, "Old job", HOST, "/vms/old", "old", MONDAY, BackupHealth.HEALTHY, "vda");
        stored.add(orphan);
        table.reload();

        assertThat(backups.jobsProperty().get()).extracting(BackupNode::name).containsExactly("Old job");
    }

    @Test
    void withoutBackupsItSaysHowToGetSome() {
        table.reload();

        assertThat(backups.jobsProperty().get()).isEmpty();
        assertThat(backups.placeholderProperty().getValue()).startsWith("No backups yet. Run a backup job");
    }

    @Test
    void aPointsPropertiesSayWhetherItLivesInItsJobsOwnFolder() {
        RestorePointView inRepository = point(NIGHTLY, "Nightly", HOST, "/vms/web", "web", MONDAY, BackupHealth.HEALTHY,
                "vda");
        RestorePointView inJobFolder = new RestorePointView(inRepository.id(), inRepository.jobId(),
                inRepository.jobName(), inRepository.vmReference(), inRepository.vmName(), inRepository.repositoryId(),
                inRepository.repositoryName(), "/srv/backups/jobs/" + NIGHTLY, inRepository.sessionId(),
                inRepository.createdAt(), inRepository.disks(), inRepository.health(), inRepository.checkedAt());

        assertThat(Backups.details(inRepository)).filteredOn(detail -> detail.label().equals("Folder"))
                .singleElement().satisfies(detail -> assertThat(detail.value()).isEqualTo("The repository's own"));
        assertThat(Backups.details(inJobFolder)).filteredOn(detail -> detail.label().equals("Folder"))
                .singleElement().satisfies(detail -> assertThat(detail.value()).isEqualTo("/srv/backups/jobs/"
                        + NIGHTLY + " (the job's own, sealed with its password)"));
    }
}
