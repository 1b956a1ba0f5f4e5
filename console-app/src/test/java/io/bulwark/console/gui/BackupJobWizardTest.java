package io.bulwark.console.gui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.engine.testing.EngineProcess;
import io.bulwark.engine.testing.QemuImages;
import io.bulwark.engine.testing.TestApi;
import io.bulwark.protocol.ApiPaths;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Labeled;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeTableView;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backup server as a virtualization host in a real window, against a real engine: the admin
 * adds it in Inventory and sees its VMs, walks New Backup Job through every page with "Run the job
 * when I click Finish" ticked, and the job's session (in its statistics window) ends Success; then
 * changes its schedule with Edit…. What the wizard saved is read back through the API.
 */
class BackupJobWizardTest {
    private static final Duration RUN = Duration.ofSeconds(120);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Path SCREENSHOT = SCREENSHOTS.resolve("new-backup-job-vms.png");
    private static final Path INVENTORY_SCREENSHOT = SCREENSHOTS.resolve("inventory.png");
    private static final Path SUMMARY_SCREENSHOT = SCREENSHOTS.resolve("new-backup-job-summary.png");

    @TempDir
    static Path temporary;
    @TempDir
    Path config;

    private static EngineProcess engine;
    private static TestApi api;
    private static Path datastore;
    private RunningConsole console;

    @BeforeAll
    static void start() throws Exception {
        RunningConsole.requireDisplay();
        datastore = temporary.resolve("datastore");
        // web: two qcow2 disks its libvirt domain names vda and vdb; db: a raw image, named after its folder.
        Path web = datastore.resolve("web");
        Path system = QemuImages.create(web.resolve("web-system.qcow2"), "qcow2", "32M");
        QemuImages.write(system, 0x5a, "0", "2M");
        Path data = QemuImages.create(web.resolve("web-data.qcow2"), "qcow2", "16M");
        QemuImages.domainXml(web.resolve("web.xml"), "web", List.of(new String[] {"vda", system.toString()},
                new String[] {"vdb", data.toString()}));
        QemuImages.create(datastore.resolve("db").resolve("db.raw"), "raw", "8M");
        engine = EngineProcess.start(temporary.resolve("engine"), Map.of());
        api = TestApi.of(engine).login("admin", engine.initialAdminPassword());
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @AfterEach
    void closeConsole() throws Exception {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void theAdminAddsTheHostSeesItsVmsAndCreatesAndRunsAJobThroughEveryPage() throws Exception {
        console = RunningConsole.loggedIn(config, engine, engine.initialAdminPassword());

        // Inventory: Add Virtualization Host… on the backup server, then the tree shows its VMs.
        console.robot().clickOn("Inventory");
        console.robot().clickOn("#action-add-virtualization-host");
        DialogPane add = console.awaitPage("add-virtualization-host");
        console.await("the backup server chosen", () -> console.robot()
                .lookup("#virtualization-host-server").<javafx.scene.control.ComboBox<?>>query().getValue() != null);
        console.replaceText("#virtualization-host-datastores", datastore.toString());
        console.replaceText("#virtualization-host-rescan", "0");
        console.await("OK enabled", () -> console.buttonEnabled(add, "OK"));
        console.clickDialogButton(add, "OK");
        console.await("the VMs in the inventory", () -> inventoryNames().containsAll(List.of("web", "db", "vda", "vdb",
                datastore.toString())));
        assertThat(RunningConsole.onFx(() -> hostLine().state())).isEqualTo("Scanned");
        RunningConsole.screenshot((Stage) console.find("#navigation").orElseThrow().getScene().getWindow(),
                INVENTORY_SCREENSHOT);
        assertThat(RunningConsole.onFx(() -> hostLine().details())).contains("Last scan", "2 VMs");

        // New Backup Job from the main menu.
        console.robot().clickOn("#main-menu");
        console.robot().clickOn("#menu-new-job");
        DialogPane name = console.awaitPage("job-name-page");
        assertThat(console.buttonEnabled(name, "Next")).isFalse();
        assertThat(console.text("#job-name-page-problem")).isEqualTo("Type a name for the job.");
        console.replaceText("#job-name", "Nightly web");
        console.replaceText("#job-description", "The web tier and its database");
        console.await("Next enabled", () -> console.buttonEnabled(name, "Next"));
        console.clickDialogButton(name, "Next");

        DialogPane vms = console.awaitPage("job-vms-page");
        assertThat(console.text("#job-vms-page-problem")).startsWith("Add at least one VM");
        console.await("the inventory in the picker", () -> pickerCell("web").isPresent());
        tick("web");
        tick("db");
        console.await("both VMs chosen", () -> console.text("#job-total-size").equals("Total size: 56.0 MiB in 2 VMs"));
        console.robot().clickOn(console.robot().lookup("#job-vms .table-cell").match(
                (Labeled cell) -> "web".equals(cell.getText())).<Node>query());
        console.robot().clickOn("#job-exclude-disks");
        DialogPane exclude = console.awaitPage("exclude-disks");
        console.robot().clickOn("#disk-vdb");
        console.clickDialogButton(exclude, "OK");
        console.await("vdb left out", () -> console.text("#job-total-size").equals("Total size: 40.0 MiB in 2 VMs"));
        RunningConsole.screenshot((Stage) vms.getScene().getWindow(), SCREENSHOT);
        console.clickDialogButton(vms, "Next");

        DialogPane storage = console.awaitPage("job-storage-page");
        console.await("the default repository chosen", () -> console.buttonEnabled(storage, "Next"));
        assertThat(console.robot().lookup("#job-repository").<javafx.scene.control.ComboBox<?>>query().getValue())
                .isNotNull();
        console.replaceText("#job-retention", "7");
        console.robot().clickOn("#job-advanced");
        DialogPane advanced = console.awaitPage("job-advanced-dialog");
        console.robot().clickOn("#job-health-check");
        console.robot().clickOn("#job-encryption");
        console.replaceText("#job-encryption-password", "the web tier's own password");
        console.replaceText("#job-encryption-confirm", "the web tier's own password");
        console.replaceText("#job-encryption-hint", "in the red binder");
        RunningConsole.screenshot((Stage) advanced.getScene().getWindow(), SCREENSHOTS.resolve("new-backup-job-advanced.png"));
        console.clickDialogButton(advanced, "OK");
        console.await("the health check and the encryption shown", () -> console.text("#job-advanced-shown")
                .contains("health check monthly on day 1 at 22:00")
                && console.text("#job-advanced-shown").contains("encrypted with the job's own password"));
        RunningConsole.screenshot((Stage) storage.getScene().getWindow(), SCREENSHOTS.resolve("new-backup-job-storage.png"));
        console.clickDialogButton(storage, "Next");

        DialogPane schedule = console.awaitPage("job-schedule-page");
        console.robot().clickOn("#job-schedule-daily");
        console.replaceText("#job-time", "23:30");
        console.robot().clickOn("#job-day-SATURDAY");
        console.robot().clickOn("#job-day-SUNDAY");
        console.await("Next enabled", () -> console.buttonEnabled(schedule, "Next"));
        RunningConsole.screenshot((Stage) schedule.getScene().getWindow(), SCREENSHOTS.resolve("new-backup-job-schedule.png"));
        console.clickDialogButton(schedule, "Next");

        DialogPane summary = console.awaitPage("job-summary-page");
        assertThat(labels(summary)).contains("web (without vdb), db", "Automatic selection", "7 restore points",
                "Daily at 23:30 on Mon, Tue, Wed, Thu, Fri", "3 times, 10 minutes apart");
        console.robot().clickOn("#job-run-now");
        RunningConsole.screenshot((Stage) summary.getScene().getWindow(), SUMMARY_SCREENSHOT);
        console.clickDialogButton(summary, "Finish");
        console.await("the wizard closed", () -> !console.isShown("#job-summary-page"));

        // The session it started opens in its statistics window, which follows it to its end.
        console.await("the run's statistics window", RUN, () -> console.isShown("#session-statistics")
                && "Success".equals(console.text("#statistics-state")));
        assertThat(console.text("#statistics-job")).isEqualTo("Nightly web");
        Stage statistics = (Stage) console.find("#session-statistics").orElseThrow().getScene().getWindow();
        RunningConsole.onFx(() -> {
            statistics.close();
            return null;
        });

        // The engine holds the job as the pages said it.
        JsonNode job = onlyJob();
        assertThat(job.path("name").asText()).isEqualTo("Nightly web");
        assertThat(job.path("description").asText()).isEqualTo("The web tier and its database");
        List<String> objects = new ArrayList<>();
        job.path("objects").forEach(object -> objects.add(object.path("reference").asText().replaceFirst(".*:/", "/")
                + " " + object.path("excludedDisks")));
        assertThat(objects).containsExactlyInAnyOrder(datastore.resolve("web") + " [\"vdb\"]",
                datastore.resolve("db") + " []");
        JsonNode storageOptions = job.path("storage");
        assertThat(storageOptions.path("proxyIds")).isEmpty();
        assertThat(storageOptions.path("compression").asText()).isEqualTo("OPTIMAL");
        assertThat(storageOptions.path("blockSize").asInt()).isEqualTo(1 << 20);
        assertThat(storageOptions.path("healthCheck").path("kind").asText()).isEqualTo("MONTHLY");
        assertThat(storageOptions.path("healthCheck").path("dayOfMonth").asInt()).isEqualTo(1);
        assertThat(job.path("encryption").path("enabled").asBoolean()).isTrue();
        assertThat(job.path("encryption").path("passwordSet").asBoolean()).isTrue();
        assertThat(job.path("encryption").path("passwordHint").asText()).isEqualTo("in the red binder");
        assertThat(job.toString()).doesNotContain("the web tier's own password");
        assertThat(job.path("retention").path("unit").asText()).isEqualTo("RESTORE_POINTS");
        assertThat(job.path("retention").path("value").asInt()).isEqualTo(7);
        JsonNode when = job.path("schedule");
        assertThat(when.path("kind").asText()).isEqualTo("DAILY");
        assertThat(when.path("time").asText()).startsWith("23:30");
        List<String> days = new ArrayList<>();
        when.path("days").forEach(day -> days.add(day.asText()));
        assertThat(days).containsExactlyInAnyOrder("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY");
        assertThat(when.path("retries").path("count").asInt()).isEqualTo(3);
        assertThat(when.path("retries").path("waitMinutes").asInt()).isEqualTo(10);

        // Finish ran it: its session appears in History and ends Success.
        console.robot().clickOn("History");
        console.await("the session a success in History", RUN, () -> console.cellTexts("#history-table")
                .containsAll(List.of("Nightly web", "Success")));
        console.robot().clickOn("Home");
        console.await("the job's last result in Jobs", () -> console.cellTexts("#jobs-table")
                .containsAll(List.of("Nightly web", "Idle", "Success", "Daily at 23:30 on Mon, Tue, Wed, Thu, Fri")));
        JsonNode session = sessionOf(job.path("id").asText());
        assertThat(session.path("state").asText()).as(session.toString()).isEqualTo("SUCCESS");
        JsonNode details = api.get(ApiPaths.sessionDetails(java.util.UUID.fromString(session.path("id").asText())))
                .json();
        List<String> disks = new ArrayList<>();
        details.path("vms").forEach(vm -> vm.path("tasks").forEach(task -> disks.add(vm.path("name").asText() + "/"
                + task.path("disk").asText())));
        assertThat(disks).as("vdb left out").containsExactlyInAnyOrder("web/vda", "db/db.raw");
        JsonNode points = api.get(ApiPaths.RESTORE_POINTS + "?jobId=" + job.path("id").asText()).json();
        assertThat(points).as("one per VM, in the job's own encrypted folder").hasSize(2).allSatisfy(point ->
                assertThat(point.path("folder").asText()).endsWith("/jobs/" + job.path("id").asText()));

        // Edit… opens the same pages on the saved job; Finish puts it back changed.
        console.robot().clickOn(console.robot().lookup("#jobs-table .table-cell").match(
                (Labeled cell) -> "Nightly web".equals(cell.getText())).<Node>query());
        console.robot().clickOn("#action-edit-job");
        DialogPane editName = console.awaitPage("job-name-page");
        assertThat(console.input("#job-name").getText()).isEqualTo("Nightly web");
        console.clickDialogButton(editName, "Next");
        DialogPane editVms = console.awaitPage("job-vms-page");
        console.await("the job's VMs found in the inventory", () -> console.text("#job-total-size")
                .equals("Total size: 40.0 MiB in 2 VMs"));
        console.clickDialogButton(editVms, "Next");
        DialogPane editStorage = console.awaitPage("job-storage-page");
        assertThat(console.input("#job-retention").getText()).isEqualTo("7");
        console.clickDialogButton(editStorage, "Next");
        DialogPane editSchedule = console.awaitPage("job-schedule-page");
        assertThat(console.input("#job-time").getText()).isEqualTo("23:30");
        console.robot().clickOn("#job-schedule-periodic");
        console.replaceText("#job-every-hours", "6");
        console.clickDialogButton(editSchedule, "Next");
        DialogPane editSummary = console.awaitPage("job-summary-page");
        assertThat(labels(editSummary)).contains("Every 6 hours", "web (without vdb), db");
        console.clickDialogButton(editSummary, "Finish");
        console.await("the wizard closed", () -> !console.isShown("#job-summary-page"));

        JsonNode edited = onlyJob();
        assertThat(edited.path("schedule").path("kind").asText()).isEqualTo("PERIODIC");
        assertThat(edited.path("schedule").path("everyMinutes").asInt()).isEqualTo(360);
        assertThat(edited.path("objects")).isEqualTo(job.path("objects"));
        assertThat(edited.path("storage")).isEqualTo(job.path("storage"));
        assertThat(edited.path("retention")).isEqualTo(job.path("retention"));
        assertThat(edited.path("encryption")).as("the password left empty is kept").isEqualTo(job.path("encryption"));
        console.await("the new schedule in Jobs", () -> console.cellTexts("#jobs-table").contains("Every 6 hours"));
    }

    /** Ticks a VM's check box in the wizard's inventory tree. */
    private void tick(String vm) {
        TreeCell<?> cell = pickerCell(vm).orElseThrow();
        console.robot().clickOn(console.robot().from(cell).lookup(".check-box").<Node>query());
    }

    private java.util.Optional<TreeCell<?>> pickerCell(String vm) {
        return RunningConsole.onFx(() -> console.robot().lookup("#job-inventory .tree-cell").<TreeCell<?>>queryAll()
                .stream().filter(cell -> cell.getText() != null && cell.getText().startsWith(vm + " (")).findFirst());
    }

    /** The names of every line of the Inventory tree, open or not. */
    private List<String> inventoryNames() {
        return RunningConsole.onFx(() -> {
            TreeTableView<?> tree = console.robot().lookup("#inventory-tree").query();
            List<String> names = new ArrayList<>();
            if (tree.getRoot() != null) {
                collect(tree.getRoot(), names);
            }
            return names;
        });
    }

    private io.bulwark.console.inventory.InventoryItem hostLine() {
        TreeTableView<?> tree = console.robot().lookup("#inventory-tree").query();
        return (io.bulwark.console.inventory.InventoryItem) tree.getRoot().getChildren().getFirst().getValue();
    }

    private static void collect(TreeItem<?> item, List<String> names) {
        for (TreeItem<?> child : item.getChildren()) {
            names.add(((io.bulwark.console.inventory.InventoryItem) child.getValue()).name());
            collect(child, names);
        }
    }

    private JsonNode onlyJob() {
        JsonNode jobs = api.get(ApiPaths.JOBS).json();
        assertThat(jobs).hasSize(1);
        return jobs.get(0);
    }

    private JsonNode sessionOf(String jobId) {
        for (JsonNode session : api.get(ApiPaths.SESSIONS).json()) {
            if (jobId.equals(session.path("jobId").asText())) {
                return session;
            }
        }
        throw new AssertionError("no session of job " + jobId);
    }

    private String labels(DialogPane page) {
        return RunningConsole.onFx(() -> String.join("\n", console.robot().from(page).lookup(".label")
                .<Labeled>queryAll().stream().filter(Node::isVisible).map(Labeled::getText).toList()));
    }
}
