package io.bulwark.console.gui;

import static io.bulwark.engine.testing.ThreeHostLab.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.console.inventory.InventoryItem;
import io.bulwark.console.jobs.RepositoryChoice;
import io.bulwark.engine.testing.QemuImages;
import io.bulwark.engine.testing.TestApi;
import io.bulwark.engine.testing.ThreeHostLab;
import io.bulwark.protocol.ApiPaths;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListCell;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code EndToEndJobTest}'s site ({@link ThreeHostLab}: VMs and repository on kvm, proxies proxy-a
 * and proxy-b, each a real sshd in a network namespace), run by an admin in a real console window
 * instead of through the API: the Inventory shows kvm's VMs; New Backup Job picks them, the two
 * proxies and kvm's repository, and runs the job on Finish; the Jobs view's Start runs it again after
 * one MiB of a disk changed; the Restore wizard brings the two-disk VM back as a new VM. What the
 * console cannot show exactly (each task's transport mode, proxy and bytes read) is read through the
 * API; the restored images are compared with the sources by qemu-img.
 */
class EndToEndConsoleTest {
    /** Namespaces 23–25: apart from the deployment tests' (0–9) and EndToEndJobTest's (20–22). */
    private static final int FIRST_NAMESPACE = 23;
    /** A run or a restore of these few MiB takes seconds; this bounds one that hangs. */
    private static final Duration RUN = Duration.ofSeconds(120);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String JOB = "Nightly kvm";

    @TempDir
    static Path temporary;
    @TempDir
    Path config;

    private static ThreeHostLab lab;
    private static TestApi api;
    private RunningConsole console;

    @BeforeAll
    static void start() throws Exception {
        RunningConsole.requireDisplay();
        lab = ThreeHostLab.start(temporary, FIRST_NAMESPACE);
        api = lab.admin();
    }

    @AfterAll
    static void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @AfterEach
    void closeConsole() throws Exception {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void theAdminBacksUpKvmsVmsThroughBothProxiesRunsTheIncrementalFromJobsAndRestoresTheVm() throws Exception {
        console = RunningConsole.loggedIn(config, lab.engine(), lab.engine().initialAdminPassword());

        // Inventory: kvm with its datastore, its two VMs and their disks, as the engine scanned them.
        console.robot().clickOn("Inventory");
        console.await("kvm's VMs in the inventory", () -> inventoryNames().containsAll(List.of("web", "db", "vda",
                "vdb", lab.datastore().toString())));
        assertThat(inventoryNames().getFirst()).as("the host line").startsWith("kvm");

        // New Backup Job from the main menu: both VMs, the two proxies, kvm's repository, run on Finish.
        console.robot().clickOn("#main-menu");
        console.robot().clickOn("#menu-new-job");
        DialogPane name = console.awaitPage("job-name-page");
        console.replaceText("#job-name", JOB);
        console.await("Next enabled", () -> console.buttonEnabled(name, "Next"));
        console.clickDialogButton(name, "Next");

        DialogPane vms = console.awaitPage("job-vms-page");
        console.await("kvm's VMs in the picker", () -> pickerCell("web").isPresent() && pickerCell("db").isPresent());
        tick("web");
        tick("db");
        console.await("both VMs chosen", () -> console.text("#job-total-size").equals("Total size: 192.0 MiB in 2 VMs"));
        console.clickDialogButton(vms, "Next");

        DialogPane storage = console.awaitPage("job-storage-page");
        console.robot().clickOn("#job-repository");
        console.await("kvm's repository offered", () -> listCell("kvm repo").isPresent());
        console.robot().clickOn(listCell("kvm repo").orElseThrow());
        console.await("kvm's repository chosen", () -> repositoryChosen().equals(Optional.of(lab.repository())));
        console.robot().clickOn("#job-proxy-selected");
        console.await("the proxies listed", () -> proxyCell("proxy-a").isPresent() && proxyCell("proxy-b").isPresent());
        tickProxy("proxy-a");
        tickProxy("proxy-b");
        RunningConsole.screenshot((Stage) storage.getScene().getWindow(), SCREENSHOTS.resolve("end-to-end-storage.png"));
        console.await("Next enabled", () -> console.buttonEnabled(storage, "Next"));
        console.clickDialogButton(storage, "Next");

        DialogPane schedule = console.awaitPage("job-schedule-page");
        console.await("Next enabled", () -> console.buttonEnabled(schedule, "Next"));
        console.clickDialogButton(schedule, "Next");

        DialogPane summary = console.awaitPage("job-summary-page");
        assertThat(labels(summary)).contains("web, db").contains("proxy-a").contains("proxy-b");
        console.robot().clickOn("#job-run-now");
        console.clickDialogButton(summary, "Finish");
        console.await("the wizard closed", () -> !console.isShown("#job-summary-page"));

        // The run's statistics window opens by itself and follows the run to its end.
        awaitStatistics("the first run", "15.0 MiB");
        RunningConsole.screenshot(statisticsStage(), SCREENSHOTS.resolve("end-to-end-first-run.png"));
        closeStatistics();

        JsonNode job = onlyJob();
        assertThat(job.path("repositoryId").asText()).isEqualTo(lab.repository().toString());
        List<String> proxyIds = new ArrayList<>();
        job.path("storage").path("proxyIds").forEach(id -> proxyIds.add(id.asText()));
        assertThat(proxyIds).as("the ticked proxies, not automatic selection")
                .containsExactlyInAnyOrder(lab.proxyA().toString(), lab.proxyB().toString());
        UUID jobId = UUID.fromString(job.path("id").asText());
        List<UUID> sessions = sessionsOf(jobId);
        assertThat(sessions).as("Finish started one run").hasSize(1);
        JsonNode first = details(sessions.getFirst());
        assertThat(state(first)).as(() -> first.toPrettyString() + lab.agentLogs()).isEqualTo("SUCCESS");
        Map<String, JsonNode> tasks = ThreeHostLab.tasks(first);
        assertThat(tasks.keySet()).containsExactlyInAnyOrderElementsOf(ThreeHostLab.ALLOCATED.keySet());
        Set<String> proxiesUsed = new HashSet<>();
        tasks.forEach((disk, task) -> {
            assertThat(task.path("transportMode").asText()).as(disk).isEqualTo("NETWORK");
            assertThat(task.path("readBytes").asLong()).as(disk + ": what is allocated, whole")
                    .isEqualTo(ThreeHostLab.ALLOCATED.get(disk));
            proxiesUsed.add(task.path("proxyName").asText());
        });
        assertThat(first.path("readBytes").asLong()).as("the session: every disk's allocated MiB").isEqualTo(15 * MIB);
        // The scheduler gives each task the idle slot of the least loaded proxy: with 2 + 2 slots and
        // three disks queued at once, the second disk goes to the other proxy whichever took the first.
        assertThat(proxiesUsed).as("three disks on 2 + 2 slots: both proxies take work")
                .containsExactlyInAnyOrder("proxy-a", "proxy-b");

        // One MiB changes in db's data disk; the Jobs view's Start runs the job again.
        QemuImages.write(lab.dbData(), 0x45, "32M", "1M");
        console.robot().clickOn("Home");
        console.await("the job idle after its success in Jobs", () -> console.cellTexts("#jobs-table")
                .containsAll(List.of(JOB, "Idle", "Success")));
        console.robot().clickOn(cell("#jobs-table", JOB));
        console.await("Start enabled", () -> !console.find("#action-start-job").orElseThrow().isDisabled());
        console.robot().clickOn("#action-start-job");
        awaitStatistics("the second run", "1.0 MiB");
        closeStatistics();

        List<UUID> afterStart = sessionsOf(jobId);
        assertThat(afterStart).as("Start made the second run").hasSize(2);
        UUID secondId = afterStart.stream().filter(id -> !id.equals(sessions.getFirst())).findFirst().orElseThrow();
        JsonNode second = details(secondId);
        assertThat(state(second)).as(() -> second.toPrettyString() + lab.agentLogs()).isEqualTo("SUCCESS");
        Map<String, JsonNode> incremental = ThreeHostLab.tasks(second);
        assertThat(incremental.get("vdb").path("readBytes").asLong()).as("only the block its bitmap marks")
                .isEqualTo(MIB);
        assertThat(second.path("readBytes").asLong()).as("the session: the one changed MiB, nothing else")
                .isEqualTo(MIB);
        incremental.forEach((disk, task) -> assertThat(task.path("transportMode").asText()).as(disk)
                .isEqualTo("NETWORK"));

        // Backups › db › Restore…: the whole VM, newest point, as a new VM beside it on kvm.
        console.robot().clickOn("Backups");
        console.await("db in Backups", () -> backupsCells().contains("db"));
        console.robot().clickOn(cell("#backups-tree", "db"));
        console.await("Restore… enabled", () -> !console.find("#action-restore").orElseThrow().isDisabled());
        console.robot().clickOn("#action-restore");
        DialogPane vm = console.awaitPage("restore-vm");
        console.await("db chosen", () -> console.buttonEnabled(vm, "Next"));
        console.clickDialogButton(vm, "Next");
        DialogPane point = console.awaitPage("restore-point");
        console.await("the newest restore point chosen", () -> console.buttonEnabled(point, "Next"));
        assertThat(console.cellTexts("#restore-points")).as("db's two restore points")
                .filteredOn(JOB::equals).hasSize(2);
        console.clickDialogButton(point, "Next");
        DialogPane mode = console.awaitPage("restore-mode");
        console.clickDialogButton(mode, "Next");
        DialogPane destination = console.awaitPage("restore-destination");
        console.robot().clickOn("#restore-new-location");
        assertThat(console.input("#restore-vm-name").getText()).as("the name proposed").isEqualTo("db-restored");
        console.await("the new VM beside the original accepted", () -> console.buttonEnabled(destination, "Next"));
        console.clickDialogButton(destination, "Next");
        DialogPane restoreSummary = console.awaitPage("restore-summary-page");
        assertThat(labels(restoreSummary)).contains("New VM 'db-restored' in ");
        console.clickDialogButton(restoreSummary, "Finish");

        console.await("the restore's statistics", RUN, () -> console.isShown("#session-statistics")
                && "Success".equals(console.text("#statistics-state")));
        Path restored = lab.datastore().resolve("db-restored");
        assertThat(QemuImages.identical(restored.resolve("db-system.qcow2"), lab.dbSystem())).as("vda, bit for bit")
                .isTrue();
        assertThat(QemuImages.identical(restored.resolve("db-data.qcow2"), lab.dbData()))
                .as("vdb, bit for bit, with the MiB the second run read").isTrue();
    }

    /** Waits for the statistics window of a run to say Success, and checks the bytes it shows as read. */
    private void awaitStatistics(String what, String read) {
        console.await(what + "'s statistics window at Success", RUN, () -> console.isShown("#session-statistics")
                && "Success".equals(console.text("#statistics-state")));
        assertThat(console.text("#statistics-job")).isEqualTo(JOB);
        assertThat(console.text("#statistics-read")).as(what + ": the bytes read").isEqualTo(read);
        assertThat(console.text("#statistics-success")).as("both VMs").isEqualTo("2");
        assertThat(console.text("#statistics-errors")).isEqualTo("0");
    }

    private Stage statisticsStage() {
        return (Stage) console.find("#session-statistics").orElseThrow().getScene().getWindow();
    }

    /** Closes the statistics window, so that the next one's state is the only one shown. */
    private void closeStatistics() {
        Stage statistics = statisticsStage();
        RunningConsole.onFx(() -> {
            statistics.close();
            return null;
        });
        console.await("the statistics window closed", () -> !console.isShown("#session-statistics"));
    }

    private void tick(String vm) {
        TreeCell<?> cell = pickerCell(vm).orElseThrow();
        console.robot().clickOn(console.robot().from(cell).lookup(".check-box").<Node>query());
        console.await(vm + " ticked", () -> console.cellTexts("#job-vms").contains(vm));
    }

    private Optional<TreeCell<?>> pickerCell(String vm) {
        return RunningConsole.onFx(() -> console.robot().lookup("#job-inventory .tree-cell").<TreeCell<?>>queryAll()
                .stream().filter(cell -> cell.getText() != null && cell.getText().startsWith(vm + " (")).findFirst());
    }

    private void tickProxy(String proxy) {
        ListCell<?> cell = proxyCell(proxy).orElseThrow();
        console.robot().clickOn(console.robot().from(cell).lookup(".check-box").<Node>query());
        console.await(proxy + " ticked", () -> proxyCell(proxy).map(ticked -> console.robot().from(ticked)
                .lookup(".check-box").<CheckBox>query().isSelected()).orElse(false));
    }

    private Optional<ListCell<?>> proxyCell(String proxy) {
        return RunningConsole.onFx(() -> console.robot().lookup("#job-proxies .list-cell").<ListCell<?>>queryAll()
                .stream().filter(cell -> cell.getText() != null && cell.getText().startsWith(proxy + " (")).findFirst());
    }

    /** A line of the open combo box's list (a window of its own), by the start of its text. */
    private Optional<ListCell<?>> listCell(String start) {
        return RunningConsole.onFx(() -> console.robot().lookup(".combo-box-popup .list-cell").<ListCell<?>>queryAll()
                .stream().filter(cell -> cell.getText() != null && cell.getText().startsWith(start) && cell.isVisible())
                .findFirst());
    }

    private Optional<UUID> repositoryChosen() {
        ComboBox<RepositoryChoice> combo = console.robot().lookup("#job-repository").query();
        return Optional.ofNullable(combo.getValue()).map(choice -> choice.repository().id());
    }

    /** The names of every line of the Inventory tree, open or not, top down. */
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

    private static void collect(TreeItem<?> item, List<String> names) {
        for (TreeItem<?> child : item.getChildren()) {
            names.add(((InventoryItem) child.getValue()).name());
            collect(child, names);
        }
    }

    private List<String> backupsCells() {
        return RunningConsole.onFx(() -> console.robot().lookup("#backups-tree").lookup(".tree-table-cell")
                .<Labeled>queryAll().stream().map(Labeled::getText).filter(text -> text != null && !text.isEmpty())
                .toList());
    }

    private Node cell(String container, String text) {
        return RunningConsole.onFx(() -> console.robot().lookup(container).lookup(".indexed-cell")
                .<Labeled>queryAll().stream().filter(cell -> text.equals(cell.getText()) && cell.isVisible())
                .findFirst().orElseThrow(() -> new AssertionError("no cell '" + text + "' in " + container)));
    }

    private String labels(DialogPane page) {
        return RunningConsole.onFx(() -> String.join("\n", console.robot().from(page).lookup(".label")
                .<Labeled>queryAll().stream().filter(Node::isVisible).map(Labeled::getText).toList()));
    }

    private JsonNode onlyJob() {
        JsonNode jobs = api.get(ApiPaths.JOBS).expect(200);
        assertThat(jobs).as("the wizard saved one job").hasSize(1);
        return jobs.get(0);
    }

    private List<UUID> sessionsOf(UUID job) {
        List<UUID> sessions = new ArrayList<>();
        for (JsonNode session : api.get(ApiPaths.SESSIONS).expect(200)) {
            if (job.toString().equals(session.path("jobId").asText())) {
                sessions.add(UUID.fromString(session.path("id").asText()));
            }
        }
        return sessions;
    }

    private static JsonNode details(UUID session) {
        return api.get(ApiPaths.sessionDetails(session)).expect(200);
    }

    private static String state(JsonNode details) {
        return details.path("session").path("state").asText();
    }
}
