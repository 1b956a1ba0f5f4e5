package io.bulwark.console.jobs;

import static io.bulwark.console.inventory.FakeInventoryApi.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.console.common.CurrentThreadTaskExecutor;
import io.bulwark.console.inventory.FakeInventoryApi;
import io.bulwark.protocol.inventory.InventoryVm;
import io.bulwark.protocol.jobs.BackupWindow;
import io.bulwark.protocol.jobs.Compression;
import io.bulwark.protocol.jobs.JobObject;
import io.bulwark.protocol.jobs.JobRequest;
import io.bulwark.protocol.jobs.JobSchedule;
import io.bulwark.protocol.jobs.JobStorage;
import io.bulwark.protocol.jobs.JobView;
import io.bulwark.protocol.jobs.Retention;
import io.bulwark.protocol.jobs.RetentionUnit;
import io.bulwark.protocol.jobs.RetryPolicy;
import io.bulwark.protocol.jobs.ScheduleKind;
import io.bulwark.protocol.proxies.ProxyView;
import io.bulwark.protocol.repositories.EncryptionRequest;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobWizardViewModelTest {
    private final FakeJobApi engine = new FakeJobApi();
    private final CurrentThreadTaskExecutor tasks = new CurrentThreadTaskExecutor();
    private final List<String> happened = new ArrayList<>();

    @Test
    void eachPageSaysWhatItLacksUntilItIsRight() {
        engine.job("Nightly", true);
        InventoryVm web = engine.vm("web", 64, 16);
        engine.vms(web);
        JobWizardViewModel wizard = JobWizardViewModel.create(engine, tasks);
        wizard.load();

        assertThat(problem(wizard, JobWizardStep.NAME)).isEqualTo("Type a name for the job.");
        wizard.nameProperty().set("nightly");
        assertThat(problem(wizard, JobWizardStep.NAME)).isEqualTo("A job named 'nightly' already exists. Pick another name.");
        wizard.nameProperty().set("Web servers");
        assertThat(problem(wizard, JobWizardStep.NAME)).isNull();

        assertThat(problem(wizard, JobWizardStep.VIRTUAL_MACHINES)).startsWith("Add at least one VM");
        wizard.choose(web, "kvm01", true);
        assertThat(wizard.totalSize().get()).isEqualTo("Total size: 80.0 MiB in 1 VM");
        wizard.exclude(wizard.chosen().getFirst(), List.of("vda", "vdb"));
        assertThat(problem(wizard, JobWizardStep.VIRTUAL_MACHINES)).isEqualTo(
                "Every disk of web is excluded: keep at least one, or remove the VM.");
        wizard.exclude(wizard.chosen().getFirst(), List.of("vdb"));
        assertThat(problem(wizard, JobWizardStep.VIRTUAL_MACHINES)).isNull();
        assertThat(wizard.totalSize().get()).isEqualTo("Total size: 64.0 MiB in 1 VM");

        assertThat(wizard.repositoryProperty().get().label()).isEqualTo("Default Backup Repository — 50.0 GiB free");
        assertThat(problem(wizard, JobWizardStep.STORAGE)).isNull();
        wizard.automaticProxyProperty().set(false);
        assertThat(problem(wizard, JobWizardStep.STORAGE)).startsWith("Tick at least one backup proxy");
        wizard.automaticProxyProperty().set(true);
        wizard.retentionUnitProperty().set(RetentionUnit.DAYS);
        wizard.retentionValueProperty().set("4000");
        assertThat(problem(wizard, JobWizardStep.STORAGE)).isEqualTo("Retention: keep from 1 to 3650 days.");
        wizard.retentionValueProperty().set("30");

        assertThat(problem(wizard, JobWizardStep.SCHEDULE)).as("manual by default").isNull();
        wizard.scheduleKindProperty().set(ScheduleKind.DAILY);
        wizard.timeProperty().set("25:00");
        assertThat(problem(wizard, JobWizardStep.SCHEDULE)).startsWith("Type the time as hours and minutes");
        wizard.timeProperty().set("1:30");
        for (DayOfWeek day : DayOfWeek.values()) {
            wizard.dayProperty(day).set(false);
        }
        assertThat(problem(wizard, JobWizardStep.SCHEDULE)).isEqualTo("Tick at least one day for a daily schedule.");
        wizard.dayProperty(DayOfWeek.MONDAY).set(true);
        wizard.windowEnabledProperty().set(true);
        wizard.window().setAll(false);
        assertThat(problem(wizard, JobWizardStep.SCHEDULE)).startsWith("The backup window allows no hour");
        wizard.window().hour(DayOfWeek.MONDAY, 1).set(true);
        assertThat(problem(wizard, JobWizardStep.SCHEDULE)).isNull();
        wizard.scheduleKindProperty().set(ScheduleKind.AFTER_JOB);
        assertThat(problem(wizard, JobWizardStep.SCHEDULE)).isEqualTo("Choose the job after which this one runs.");
    }

    @Test
    void finishPostsTheJobAsThePagesSayItAndStartsItWhenAsked() {
        InventoryVm web = engine.vm("web", 64, 16);
        InventoryVm db = engine.vm("db", 8);
        engine.vms(web, db);
        ProxyView first = engine.proxy("proxy-a");
        engine.proxy("proxy-b");
        JobWizardViewModel wizard = JobWizardViewModel.create(engine, tasks);
        wizard.load();
        wizard.nameProperty().set("  Web servers ");
        wizard.descriptionProperty().set("The web tier");
        wizard.choose(web, "kvm01", true);
        wizard.choose(db, "kvm01", true);
        wizard.exclude(wizard.chosen().getFirst(), List.of("vdb"));
        wizard.automaticProxyProperty().set(false);
        wizard.proxyChosen(first.id()).set(true);
        wizard.retentionValueProperty().set("7");
        wizard.retentionUnitProperty().set(RetentionUnit.DAYS);
        wizard.compressionProperty().set(Compression.HIGH);
        wizard.blockSizeProperty().set(256 << 10);
        wizard.healthCheckProperty().set(true);
        wizard.healthCheckKindProperty().set(ScheduleKind.MONTHLY);
        wizard.healthCheckDayOfMonthProperty().set("15");
        wizard.healthCheckTimeProperty().set("03:00");
        wizard.scheduleKindProperty().set(ScheduleKind.DAILY);
        wizard.timeProperty().set("22:30");
        wizard.dayProperty(DayOfWeek.SATURDAY).set(false);
        wizard.dayProperty(DayOfWeek.SUNDAY).set(false);
        wizard.retryCountProperty().set("2");
        wizard.retryWaitProperty().set("15");
        wizard.windowEnabledProperty().set(true);
        wizard.window().setAll(false);
        wizard.window().hour(DayOfWeek.MONDAY, 22).set(true);
        wizard.window().hour(DayOfWeek.MONDAY, 23).set(true);
        wizard.runAfterFinishProperty().set(true);
        for (JobWizardStep step : JobWizardStep.values()) {
            assertThat(problem(wizard, step)).as(step.title()).isNull();
        }
        assertThat(wizard.summary()).extracting(detail -> detail.label() + ": " + detail.value()).contains(
                "Virtual machines: web (without vdb), db", "Backup proxies: proxy-a", "Retention: 7 days",
                "Schedule: Daily at 22:30 on Mon, Tue, Wed, Thu, Fri", "Retries: 2 times, 15 minutes apart",
                "Backup window: 2 of 168 hours a week");

        wizard.finish(job -> happened.add("closed " + job.name()), job -> happened.add("started " + job.name()));

        JobRequest request = engine.created.getFirst();
        assertThat(request.name()).isEqualTo("Web servers");
        assertThat(request.description()).isEqualTo("The web tier");
        assertThat(request.repositoryId()).isEqualTo(engine.repositories.getFirst().id());
        assertThat(request.objects()).containsExactly(new JobObject(web.reference(), List.of("vdb")),
                new JobObject(db.reference(), List.of()));
        assertThat(request.storage()).isEqualTo(new JobStorage(List.of(first.id()), Compression.HIGH, 256 << 10,
                JobSchedule.monthly(LocalTime.of(3, 0), 15)));
        assertThat(request.retention()).isEqualTo(new Retention(RetentionUnit.DAYS, 7));
        assertThat(request.schedule()).isEqualTo(JobSchedule.daily(LocalTime.of(22, 30),
                        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY))
                .withRetries(new RetryPolicy(2, 15))
                .withWindow(new BackupWindow(Map.of(DayOfWeek.MONDAY, Set.of(22, 23)))));
        assertThat(request.enabled()).isTrue();
        assertThat(happened).containsExactly("closed Web servers", "started Web servers");
        assertThat(wizard.savedProperty().get()).isNotNull();
    }

    @Test
    void theEnginesFieldErrorsShowOnTheirPagesUntilTheAdminChangesThem() {
        InventoryVm web = engine.vm("web", 64);
        engine.vms(web);
        JobWizardViewModel wizard = ready(web);
        engine.refuse = FakeInventoryApi.refused(400, "Check the highlighted fields.", Map.of(
                "schedule.everyMinutes", "must be from 5 to 10080", "objects[0].reference", "names no VM"));

        wizard.finish(job -> happened.add("closed"), job -> happened.add("started"));

        assertThat(happened).isEmpty();
        assertThat(wizard.savedProperty().get()).isNull();
        assertThat(problem(wizard, JobWizardStep.SCHEDULE)).isEqualTo("Period: must be from 5 to 10080");
        assertThat(wizard.fieldError("schedule").get()).isEqualTo("Period: must be from 5 to 10080");
        assertThat(problem(wizard, JobWizardStep.VIRTUAL_MACHINES)).isEqualTo("VM web: names no VM");
        assertThat(problem(wizard, JobWizardStep.SUMMARY)).isEqualTo("The engine did not take the job. Go back to "
                + "Virtual Machines, Schedule and correct it; the fields there say what is wrong.");
        assertThat(wizard.refusalProperty().get()).isEqualTo("Check the highlighted fields.");

        wizard.everyHoursProperty().set("2");
        assertThat(problem(wizard, JobWizardStep.SCHEDULE)).isNull();
        assertThat(problem(wizard, JobWizardStep.VIRTUAL_MACHINES)).as("another page's complaint stays")
                .isEqualTo("VM web: names no VM");
        assertThat(problem(wizard, JobWizardStep.SUMMARY)).as("Finish waits for every page").isNotNull();
        wizard.remove(wizard.chosen().getFirst());
        wizard.choose(web, "kvm01", true);
        assertThat(problem(wizard, JobWizardStep.SUMMARY)).isNull();

        wizard.finish(job -> happened.add("closed"), job -> happened.add("started"));
        assertThat(happened).containsExactly("closed");
    }

    @Test
    void aRunningVmIsWarnedOfButMayBeChosen() {
        InventoryVm web = engine.vm("web", 64);
        InventoryVm app = new InventoryVm(engine.vm("app", 8).reference(), "app", "/vms/app",
                io.bulwark.protocol.inventory.VmPower.RUNNING, engine.vm("app", 8).disks());
        engine.vms(web, app);
        JobWizardViewModel wizard = ready(web);
        assertThat(wizard.runningNotice().get()).isNull();

        wizard.choose(app, "kvm01", true);

        assertThat(wizard.runningNotice().get()).isEqualTo("app is running: Bulwark does not read a running VM's "
                + "disks, so runs skip it with a warning until it is shut down.");
        assertThat(problem(wizard, JobWizardStep.VIRTUAL_MACHINES)).isNull();
    }

    @Test
    void aFailureThatNamesNoFieldMayBeRetried() {
        InventoryVm web = engine.vm("web", 64);
        engine.vms(web);
        JobWizardViewModel wizard = ready(web);
        engine.refuse = new io.bulwark.console.connection.EngineUnreachableException("Lost the connection.", null);

        wizard.finish(job -> happened.add("closed"), job -> { });

        assertThat(wizard.refusalProperty().get()).isEqualTo("The engine did not save the job: Lost the connection.");
        assertThat(problem(wizard, JobWizardStep.SUMMARY)).isNull();
        wizard.finish(job -> happened.add("closed"), job -> { });
        assertThat(happened).containsExactly("closed");
    }

    @Test
    void editShowsTheSavedJobAndPutsItBackAsItWasWhenNothingChanged() {
        InventoryVm web = engine.vm("web", 64, 16);
        engine.vms(web);
        JobView other = engine.job("Databases", true);
        ProxyView proxy = engine.proxy("proxy-a");
        JobSchedule schedule = JobSchedule.afterJob(other.id()).withRetries(RetryPolicy.NONE);
        JobStorage storage = new JobStorage(List.of(proxy.id()), Compression.NONE, 4 << 20,
                JobSchedule.daily(LocalTime.of(4, 0), Set.of(DayOfWeek.SUNDAY)));
        JobView saved = new JobView(java.util.UUID.randomUUID(), "Web", "web tier", io.bulwark.protocol.jobs.JobType.VM_BACKUP,
                engine.repositories.getFirst().id(), "Default Backup Repository",
                List.of(new JobObject(web.reference(), List.of("vdb")), new JobObject("vm:" + engine.hostId + ":/vms/gone",
                        List.of())), schedule, new Retention(RetentionUnit.RESTORE_POINTS, 3), storage, null, false,
                Instant.EPOCH, Instant.EPOCH);
        engine.jobs.put(saved.id(), saved);

        JobWizardViewModel wizard = JobWizardViewModel.edit(saved, engine, tasks);
        wizard.load();

        assertThat(wizard.chosen()).extracting(ChosenVm::name).containsExactly("web", "vm:" + engine.hostId + ":/vms/gone");
        assertThat(wizard.chosen().getFirst().sizeBytes()).isEqualTo(64 * MIB);
        assertThat(problem(wizard, JobWizardStep.VIRTUAL_MACHINES)).contains("/vms/gone is no longer in the inventory");
        assertThat(wizard.otherJobs()).extracting(JobView::name).as("not itself").containsExactly("Databases");
        assertThat(wizard.afterJobProperty().get()).isEqualTo(other);
        assertThat(wizard.proxiesText()).isEqualTo("proxy-a");

        wizard.remove(wizard.chosen().get(1));
        wizard.finish(job -> { }, job -> happened.add("started"));

        JobRequest request = engine.created.getFirst();
        assertThat(engine.calls).containsExactly("update Web enabled=false");
        assertThat(request.schedule()).isEqualTo(schedule.withWindow(null));
        assertThat(request.storage()).isEqualTo(storage);
        assertThat(request.retention()).isEqualTo(new Retention(RetentionUnit.RESTORE_POINTS, 3));
        assertThat(request.objects()).containsExactly(new JobObject(web.reference(), List.of("vdb")));
        assertThat(happened).as("not asked to run").isEmpty();
    }

    @Test
    void aTickedJobPasswordAndItsHintGoWithTheRequestButNeverIntoTheTexts() {
        InventoryVm web = engine.vm("web", 64);
        engine.vms(web);
        JobWizardViewModel wizard = ready(web);

        wizard.encryptProperty().set(true);
        assertThat(problem(wizard, JobWizardStep.STORAGE)).as("a new job has no password to keep")
                .isEqualTo("Encryption: type the job's password (Advanced…), or untick its encryption.");
        wizard.passwordProperty().set("correct horse");
        assertThat(problem(wizard, JobWizardStep.STORAGE))
                .isEqualTo("Encryption: type the password again (Advanced…), to be sure of it.");
        wizard.confirmationProperty().set("correct horse");
        wizard.hintProperty().set("  in the safe ");
        assertThat(problem(wizard, JobWizardStep.STORAGE)).isNull();
        for (String field : List.of(JobWizardViewModel.PASSWORD, JobWizardViewModel.CONFIRMATION,
                JobWizardViewModel.HINT)) {
            assertThat(wizard.fieldError(field).get()).as(field).isNull();
        }
        assertThat(wizard.advancedText()).isEqualTo("Optimal (LZ4), Local target (1 MB blocks), no health check, "
                + "encrypted with the job's own password");
        assertThat(wizard.summary()).extracting(detail -> detail.label() + ": " + detail.value())
                .contains("Encryption: With the job's own password; hint: in the safe")
                .noneMatch(line -> line.contains("correct horse"));
        assertThat(wizard.advancedValues().toString()).doesNotContain("correct horse").contains("in the safe");

        wizard.finish(job -> happened.add("closed"), job -> { });

        JobRequest request = engine.created.getFirst();
        assertThat(request.encryption()).isEqualTo(new EncryptionRequest(true, "correct horse", "in the safe"));
        assertThat(request.toString()).doesNotContain("correct horse");
        assertThat(happened).containsExactly("closed");
        assertThat(wizard.passwordProperty().get()).as("not held once the engine has it").isEmpty();
        assertThat(wizard.confirmationProperty().get()).isEmpty();
    }

    @Test
    void untickedTheJobUsesTheRepositorysEncryptionWhateverWasTyped() {
        InventoryVm web = engine.vm("web", 64);
        engine.vms(web);
        JobWizardViewModel wizard = ready(web);
        assertThat(wizard.request().encryption()).isEqualTo(new EncryptionRequest(false, null, null));
        assertThat(wizard.summary()).extracting(detail -> detail.label() + ": " + detail.value())
                .contains("Encryption: None");

        wizard.encryptProperty().set(true);
        wizard.passwordProperty().set("short");
        wizard.hintProperty().set("short");
        wizard.encryptProperty().set(false);
        assertThat(problem(wizard, JobWizardStep.STORAGE)).isNull();
        assertThat(wizard.fieldError(JobWizardViewModel.PASSWORD).get()).isNull();
        assertThat(wizard.advancedText()).doesNotContain("encrypted");
        wizard.finish(job -> { }, job -> { });

        assertThat(engine.created.getFirst().encryption()).isEqualTo(new EncryptionRequest(false, null, null));
    }

    @Test
    void aShortOrMistypedPasswordShowsBesideItsFieldAndIsNeverSent() {
        InventoryVm web = engine.vm("web", 64);
        engine.vms(web);
        JobWizardViewModel wizard = ready(web);
        wizard.encryptProperty().set(true);

        wizard.passwordProperty().set("seven77");
        wizard.confirmationProperty().set("seven77");
        assertThat(wizard.fieldError(JobWizardViewModel.PASSWORD).get())
                .isEqualTo("The password must have at least 8 characters.");
        assertThat(problem(wizard, JobWizardStep.STORAGE))
                .isEqualTo("Encryption: the password must have at least 8 characters.");
        wizard.finish(job -> happened.add("closed"), job -> { });
        assertThat(engine.calls).isEmpty();
        assertThat(wizard.refusalProperty().get()).isEqualTo("Not saved. Storage: Encryption: the password must "
                + "have at least 8 characters.");

        wizard.passwordProperty().set("long enough 1");
        wizard.confirmationProperty().set("long enough 2");
        assertThat(wizard.fieldError(JobWizardViewModel.PASSWORD).get()).isNull();
        assertThat(wizard.fieldError(JobWizardViewModel.CONFIRMATION).get()).isEqualTo("The passwords do not match.");
        assertThat(problem(wizard, JobWizardStep.STORAGE)).isEqualTo("Encryption: the passwords do not match.");
        wizard.finish(job -> happened.add("closed"), job -> { });
        assertThat(engine.calls).isEmpty();

        wizard.confirmationProperty().set("long enough 1");
        wizard.hintProperty().set(" long enough 1");
        assertThat(wizard.fieldError(JobWizardViewModel.HINT).get()).startsWith("The hint must not be the password");
        wizard.finish(job -> happened.add("closed"), job -> { });
        assertThat(engine.calls).isEmpty();
        assertThat(happened).isEmpty();
        assertThat(wizard.savedProperty().get()).isNull();

        wizard.hintProperty().set("the usual");
        wizard.finish(job -> happened.add("closed"), job -> { });
        assertThat(engine.created).singleElement().extracting(JobRequest::encryption)
                .isEqualTo(new EncryptionRequest(true, "long enough 1", "the usual"));
    }

    @Test
    void theEnginesEncryptionErrorsShowBesideTheFieldsAndOnTheStoragePage() {
        InventoryVm web = engine.vm("web", 64);
        engine.vms(web);
        JobWizardViewModel wizard = ready(web);
        wizard.encryptProperty().set(true);
        wizard.passwordProperty().set("long enough");
        wizard.confirmationProperty().set("long enough");
        wizard.hintProperty().set("Long Enough");
        engine.refuse = FakeInventoryApi.refused(400, "Check the highlighted fields.", Map.of(
                JobWizardViewModel.PASSWORD, "is too weak", JobWizardViewModel.HINT, "must not be the password"));

        wizard.finish(job -> happened.add("closed"), job -> { });

        assertThat(wizard.fieldError(JobWizardViewModel.PASSWORD).get()).isEqualTo("Password: is too weak");
        assertThat(wizard.fieldError(JobWizardViewModel.HINT).get())
                .isEqualTo("Password hint: must not be the password");
        assertThat(wizard.fieldError("encryption").get()).as("the Storage page's line")
                .isEqualTo("Password: is too weak");
        assertThat(problem(wizard, JobWizardStep.STORAGE)).isEqualTo("Password: is too weak");
        assertThat(problem(wizard, JobWizardStep.SUMMARY)).contains("Go back to Storage");

        wizard.hintProperty().set("ask the admin");
        assertThat(wizard.fieldError(JobWizardViewModel.PASSWORD).get()).isNull();
        assertThat(problem(wizard, JobWizardStep.SUMMARY)).isNull();
        wizard.finish(job -> happened.add("closed"), job -> { });
        assertThat(happened).containsExactly("closed");
    }

    @Test
    void editingAJobWithAStoredPasswordKeepsItWhenTheFieldsAreLeftEmpty() {
        InventoryVm web = engine.vm("web", 64);
        engine.vms(web);
        JobView saved = engine.encrypted(engine.job("Sealed", true), "ask Ann");
        JobWizardViewModel wizard = JobWizardViewModel.edit(saved, engine, tasks);
        wizard.load();
        wizard.choose(web, "kvm01", true);

        assertThat(wizard.encryptProperty().get()).isTrue();
        assertThat(wizard.passwordStored()).isTrue();
        assertThat(wizard.passwordProperty().get()).isEmpty();
        assertThat(wizard.hintProperty().get()).isEqualTo("ask Ann");
        assertThat(problem(wizard, JobWizardStep.STORAGE)).as("empty keeps the stored one").isNull();
        assertThat(wizard.summary()).extracting(detail -> detail.label() + ": " + detail.value())
                .contains("Encryption: With the job's own password (unchanged); hint: ask Ann");

        wizard.finish(job -> { }, job -> { });

        assertThat(engine.calls).containsExactly("update Sealed enabled=true");
        assertThat(engine.created.getFirst().encryption()).isEqualTo(new EncryptionRequest(true, "", "ask Ann"));
    }

    @Test
    void editingAJobWithoutAStoredPasswordNeedsOneWhenTicked() {
        InventoryVm web = engine.vm("web", 64);
        engine.vms(web);
        JobWizardViewModel wizard = JobWizardViewModel.edit(engine.job("Plain", true), engine, tasks);
        wizard.load();
        wizard.choose(web, "kvm01", true);
        assertThat(wizard.encryptProperty().get()).isFalse();
        assertThat(wizard.passwordStored()).isFalse();

        wizard.encryptProperty().set(true);

        assertThat(problem(wizard, JobWizardStep.STORAGE)).startsWith("Encryption: type the job's password");
    }

    @Test
    void cancellingTheAdvancedDialogPutsTheEncryptionBackAsItWas() {
        InventoryVm web = engine.vm("web", 64);
        engine.vms(web);
        JobWizardViewModel wizard = ready(web);
        wizard.encryptProperty().set(true);
        wizard.passwordProperty().set("first password");
        wizard.confirmationProperty().set("first password");
        wizard.hintProperty().set("the first");
        JobWizardViewModel.AdvancedValues before = wizard.advancedValues();

        wizard.passwordProperty().set("second password");
        wizard.confirmationProperty().set("second passw");
        wizard.hintProperty().set("the second");
        wizard.encryptProperty().set(false);
        wizard.compressionProperty().set(Compression.NONE);
        wizard.restore(before);

        assertThat(wizard.encryptProperty().get()).isTrue();
        assertThat(wizard.passwordProperty().get()).isEqualTo("first password");
        assertThat(wizard.confirmationProperty().get()).isEqualTo("first password");
        assertThat(wizard.hintProperty().get()).isEqualTo("the first");
        assertThat(wizard.compressionProperty().get()).isEqualTo(Compression.OPTIMAL);
        assertThat(before.toString()).doesNotContain("first password", "second password");
        wizard.finish(job -> { }, job -> { });
        assertThat(engine.created.getFirst().encryption())
                .isEqualTo(new EncryptionRequest(true, "first password", "the first"));
    }

    private JobWizardViewModel ready(InventoryVm vm) {
        JobWizardViewModel wizard = JobWizardViewModel.create(engine, tasks);
        wizard.load();
        wizard.nameProperty().set("Web");
        wizard.choose(vm, "kvm01", true);
        wizard.scheduleKindProperty().set(ScheduleKind.PERIODIC);
        wizard.everyHoursProperty().set("1");
        return wizard;
    }

    private static String problem(JobWizardViewModel wizard, JobWizardStep step) {
        return wizard.problem(step).get();
    }
}
