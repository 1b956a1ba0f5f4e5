package io.bulwark.console.restore;

import static io.bulwark.console.restore.FakeRestoreApi.point;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.console.common.CurrentThreadTaskExecutor;
import io.bulwark.console.common.EventBus;
import io.bulwark.console.common.ScriptedDialogService;
import io.bulwark.console.sessions.OpenSessionStatistics;
import io.bulwark.protocol.backups.BackupHealth;
import io.bulwark.protocol.backups.RestoreDestination;
import io.bulwark.protocol.backups.RestorePointView;
import io.bulwark.protocol.backups.RestoreRequest;
import io.bulwark.protocol.inventory.InventoryDatastore;
import io.bulwark.protocol.inventory.InventoryHost;
import io.bulwark.protocol.inventory.InventoryVm;
import io.bulwark.protocol.inventory.VmPower;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RestoreWizardViewModelTest {
    private static final UUID HOST = UUID.randomUUID();
    private static final UUID OTHER_HOST = UUID.randomUUID();
    private static final UUID JOB = UUID.randomUUID();
    private static final Instant MONDAY = Instant.parse("2025-03-03T22:00:00Z");

    private final FakeRestoreApi engine = new FakeRestoreApi();
    private final ScriptedDialogService dialogs = new ScriptedDialogService();
    private final EventBus bus = new EventBus(Runnable::run);
    private final List<OpenSessionStatistics> opened = new ArrayList<>();
    private final RestoreWizardViewModel wizard = new RestoreWizardViewModel(engine, new CurrentThreadTaskExecutor(),
            dialogs, bus);

    private final RestorePointView webMonday = point(JOB, "Nightly", HOST, "/vms/web", "web", MONDAY,
            BackupHealth.HEALTHY, "vda", "vdb");
    private final RestorePointView webTuesday = point(JOB, "Nightly", HOST, "/vms/web", "web",
            MONDAY.plusSeconds(86400), BackupHealth.UNVERIFIED, "vda", "vdb");
    private final RestorePointView dbDamaged = point(JOB, "Nightly", HOST, "/vms/db", "db", MONDAY,
            BackupHealth.DAMAGED, "vda");

    RestoreWizardViewModelTest() {
        bus.subscribe(OpenSessionStatistics.class, opened::add);
        engine.points.addAll(List.of(webTuesday, dbDamaged, webMonday));
        engine.inventory.add(new InventoryHost(OTHER_HOST, UUID.randomUUID(), "kvm02", MONDAY, List.of(
                new InventoryDatastore("/srv/vms", true, null, 50L << 30, List.of()))));
        engine.inventory.add(new InventoryHost(HOST, UUID.randomUUID(), "kvm01", MONDAY, List.of(
                new InventoryDatastore("/mnt/gone", false, "No such directory", 0, List.of()),
                new InventoryDatastore("/vms", true, null, 10L << 30, List.of(
                        vm("/vms/web", VmPower.STOPPED), vm("/vms/db", VmPower.STOPPED),
                        vm("/vms/taken", VmPower.STOPPED))))));
    }

    private static InventoryVm vm(String folder, VmPower power) {
        return new InventoryVm("vm:" + HOST + ":" + folder, folder.substring(folder.lastIndexOf('/') + 1), folder,
                power, List.of());
    }

    @Test
    void theFirstPageListsEveryBackedUpVmOnceAndWantsOneChosen() {
        assertThat(wizard.problem(RestoreStep.VM).get()).isEqualTo("Loading the backups…");
        wizard.load();

        assertThat(wizard.vms()).extracting(BackedUpVm::name, BackedUpVm::points, BackedUpVm::newest)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("db", 1, MONDAY),
                        org.assertj.core.groups.Tuple.tuple("web", 2, webTuesday.createdAt()));
        assertThat(wizard.problem(RestoreStep.VM).get()).isEqualTo("Choose the VM to restore.");
        wizard.vmProperty().set(wizard.vms().get(1));
        assertThat(wizard.valid(RestoreStep.VM).get()).isTrue();
    }

    @Test
    void withoutBackupsOrWhenTheyCannotBeLoadedTheFirstPageSaysSo() {
        engine.points.clear();
        wizard.load();
        assertThat(wizard.problem(RestoreStep.VM).get()).isEqualTo("No VM has a restore point yet: run a backup job first.");

        FakeRestoreApi failing = new FakeRestoreApi();
        failing.pointsFailure = new IllegalStateException("The engine at 10.0.0.5:9392 does not answer.");
        RestoreWizardViewModel other = new RestoreWizardViewModel(failing, new CurrentThreadTaskExecutor(), dialogs, bus);
        other.load();
        assertThat(other.problem(RestoreStep.VM).get())
                .isEqualTo("Cannot load the backups: The engine at 10.0.0.5:9392 does not answer.");
    }

    @Test
    void aVmStartsFromItsNewestRestorePointAndADamagedOneIsRefused() {
        wizard.load();
        wizard.vmProperty().set(wizard.vms().get(1));

        assertThat(wizard.points()).containsExactly(webTuesday, webMonday);
        assertThat(wizard.pointProperty().get()).isEqualTo(webTuesday);
        assertThat(wizard.valid(RestoreStep.RESTORE_POINT).get()).isTrue();

        wizard.vmProperty().set(wizard.vms().get(0));
        assertThat(wizard.problem(RestoreStep.RESTORE_POINT).get()).contains("damaged", "Choose another one.");
    }

    @Test
    void restoreInBackupsPreselectsTheVmAndTheRestorePoint() {
        wizard.preselect(webMonday.vmReference(), webMonday.id());
        wizard.load();

        assertThat(wizard.vmProperty().get().name()).isEqualTo("web");
        assertThat(wizard.pointProperty().get()).isEqualTo(webMonday);

        RestoreWizardViewModel onVm = new RestoreWizardViewModel(engine, new CurrentThreadTaskExecutor(), dialogs, bus);
        onVm.load();
        onVm.preselect(webMonday.vmReference(), null);
        assertThat(onVm.pointProperty().get()).as("the VM's newest").isEqualTo(webTuesday);
    }

    @Test
    void singleDisksWantAtLeastOneTickedAndTheRequestNamesThem() {
        wizard.load();
        wizard.preselect(webTuesday.vmReference(), null);
        wizard.overwriteProperty().set(true);
        assertThat(wizard.request().disks()).as("the entire VM").isEmpty();

        wizard.entireVmProperty().set(false);
        assertThat(wizard.problem(RestoreStep.RESTORE_MODE).get())
                .isEqualTo("Tick the disks to restore, or restore the entire VM.");
        assertThat(wizard.disks()).extracting(disk -> disk.disk().name()).containsExactly("vda", "vdb");
        wizard.disks().get(1).chosen().set(true);

        assertThat(wizard.valid(RestoreStep.RESTORE_MODE).get()).isTrue();
        assertThat(wizard.request()).isEqualTo(new RestoreRequest(webTuesday.id(), List.of("vdb"),
                RestoreDestination.originalLocation(true)));
    }

    @Test
    void theOriginalLocationWantsTheOverwriteConfirmedTwice() {
        wizard.load();
        wizard.preselect(webTuesday.vmReference(), null);

        assertThat(wizard.problem(RestoreStep.DESTINATION).get())
                .isEqualTo("Tick the box to confirm that the restore overwrites the disks of web.");
        wizard.overwriteProperty().set(true);
        assertThat(wizard.valid(RestoreStep.DESTINATION).get()).isTrue();
        assertThat(wizard.originalLocationText()).isEqualTo("/vms/web on kvm01");
        assertThat(wizard.request().destination()).isEqualTo(RestoreDestination.originalLocation(true));

        assertThat(wizard.confirmFinish()).as("No on the question keeps the wizard open").isFalse();
        assertThat(dialogs.shown()).singleElement().satisfies(question -> {
            assertThat(question.kind()).isEqualTo("confirmation");
            assertThat(question.title()).isEqualTo("Overwrite the disks of web?");
            assertThat(question.message()).contains("every disk of web in /vms/web", "is lost");
        });
        dialogs.confirming(true);
        assertThat(wizard.confirmFinish()).isTrue();
    }

    @Test
    void aRunningVmIsNotRestoredOverItsOwnDisks() {
        InventoryHost kvm01 = engine.inventory.get(1);
        engine.inventory.set(1, new InventoryHost(HOST, kvm01.serverId(), "kvm01", MONDAY, List.of(
                new InventoryDatastore("/vms", true, null, 10L << 30, List.of(vm("/vms/web", VmPower.RUNNING))))));
        wizard.load();
        wizard.preselect(webTuesday.vmReference(), null);
        wizard.overwriteProperty().set(true);

        assertThat(wizard.problem(RestoreStep.DESTINATION).get()).startsWith("web is running and holds its disks");
    }

    @Test
    void aNewLocationProposesTheVmsOwnHostAndDatastoreAndChecksTheName() {
        wizard.load();
        wizard.preselect(webTuesday.vmReference(), null);
        wizard.originalLocationProperty().set(false);

        assertThat(wizard.hosts()).extracting(InventoryHost::name).containsExactly("kvm01", "kvm02");
        assertThat(wizard.hostProperty().get().name()).isEqualTo("kvm01");
        assertThat(wizard.datastoreProperty().get().path()).isEqualTo("/vms");
        assertThat(wizard.vmNameProperty().get()).isEqualTo("web-restored");
        assertThat(wizard.valid(RestoreStep.DESTINATION).get()).isTrue();

        wizard.vmNameProperty().set("taken");
        assertThat(wizard.problem(RestoreStep.DESTINATION).get())
                .isEqualTo("/vms already holds a VM in /vms/taken: choose another name.");
        for (String bad : List.of("a/b", ".hidden")) {
            wizard.vmNameProperty().set(bad);
            assertThat(wizard.problem(RestoreStep.DESTINATION).get()).as(bad).contains("may not contain '/'");
        }
        wizard.vmNameProperty().set("  ");
        assertThat(wizard.problem(RestoreStep.DESTINATION).get()).isEqualTo("Type a name for the restored VM.");

        wizard.datastoreProperty().set(wizard.datastores().getFirst());
        wizard.vmNameProperty().set("web-copy");
        assertThat(wizard.problem(RestoreStep.DESTINATION).get())
                .isEqualTo("The last scan of kvm01 could not read /mnt/gone (No such directory): choose another datastore.");

        wizard.hostProperty().set(wizard.hosts().get(1));
        assertThat(wizard.datastoreProperty().get().path()).isEqualTo("/srv/vms");
        assertThat(wizard.request()).isEqualTo(new RestoreRequest(webTuesday.id(), List.of(),
                RestoreDestination.newLocation(OTHER_HOST, "/srv/vms", "web-copy")));
        assertThat(wizard.summary()).extracting(detail -> detail.label() + ": " + detail.value()).contains(
                "Destination: New VM 'web-copy' in /srv/vms/web-copy on kvm02",
                "Restore: Entire VM: vda (64.0 MiB), vdb (64.0 MiB)");
        assertThat(wizard.confirmFinish()).as("nothing is overwritten: no question").isTrue();
        assertThat(dialogs.shown()).isEmpty();
    }

    @Test
    void finishPostsTheRestoreAndOpensItsSessionsStatistics() {
        wizard.load();
        wizard.preselect(webTuesday.vmReference(), null);
        wizard.originalLocationProperty().set(false);

        wizard.start();

        assertThat(engine.posted).containsExactly(new RestoreRequest(webTuesday.id(), List.of(),
                RestoreDestination.newLocation(HOST, "/vms", "web-restored")));
        assertThat(opened).containsExactly(new OpenSessionStatistics(wizard.startedProperty().get().id()));
    }

    @Test
    void aRefusedRestoreIsShownAsTheEngineWordsIt() {
        engine.refuse = new IllegalStateException("The restore point's repository is not ready.");
        wizard.load();
        wizard.preselect(webTuesday.vmReference(), null);
        wizard.originalLocationProperty().set(false);

        wizard.start();

        assertThat(opened).isEmpty();
        assertThat(dialogs.shown()).singleElement().satisfies(error -> {
            assertThat(error.kind()).isEqualTo("error");
            assertThat(error.title()).isEqualTo("Cannot restore web");
            assertThat(error.message()).isEqualTo("The restore point's repository is not ready.");
        });
    }
}
