package io.bulwark.console.gui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.engine.testing.EngineProcess;
import io.bulwark.engine.testing.QemuImages;
import io.bulwark.engine.testing.TestApi;
import io.bulwark.engine.testing.TestApi.Response;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.inventory.VirtualizationHostRequest;
import io.bulwark.protocol.inventory.VmReference;
import io.bulwark.protocol.jobs.JobObject;
import io.bulwark.protocol.jobs.JobRequest;
import io.bulwark.protocol.jobs.JobType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job's session and a restore in a real window, against a real engine: the backup server is the
 * virtualization host of a qcow2 VM, a job made and run through the API backs it up, and the admin
 * opens the session's statistics from History, finds the restore point in Backups, and restores the
 * VM to a new VM through the Restore wizard, following the restore in its statistics window.
 */
class SessionsAndRestoreTest {
    private static final Duration RUN = Duration.ofSeconds(120);
    private static final Path SCREENSHOT = Path.of("target", "screenshots", "session-statistics.png");

    @TempDir
    static Path temporary;
    @TempDir
    Path config;

    private static EngineProcess engine;
    private static Path web;
    private RunningConsole console;

    @BeforeAll
    static void backUpAVm() throws Exception {
        RunningConsole.requireDisplay();
        engine = EngineProcess.start(temporary.resolve("engine"), Map.of());
        TestApi admin = TestApi.of(engine).login("admin", engine.initialAdminPassword());
        Path datastore = temporary.resolve("datastore");
        web = QemuImages.create(datastore.resolve("web").resolve("web.qcow2"), "qcow2", "64M");
        QemuImages.write(web, 0x5a, "0", "4M");
        UUID host = UUID.fromString(ok(admin.post(ApiPaths.VIRTUALIZATION_HOSTS, new VirtualizationHostRequest(
                admin.builtIn(ApiPaths.SERVERS), List.of(datastore.toString()), 0)), 201).path("id").asText());
        ok(admin.post(ApiPaths.virtualizationHostRescan(host), null), 200);
        UUID job = UUID.fromString(ok(admin.post(ApiPaths.JOBS, new JobRequest("Nightly", null, JobType.VM_BACKUP,
                admin.builtIn(ApiPaths.REPOSITORIES), List.of(new JobObject(
                        new VmReference(host, web.getParent().toString()).toString(), List.of())),
                null, null, null, null, true)), 201).path("id").asText());
        UUID session = UUID.fromString(ok(admin.post(ApiPaths.JOBS + "/" + job + "/start", null), 202)
                .path("id").asText());
        JsonNode details = admin.sessionToEnd(session);
        assertThat(details.path("session").path("state").asText()).as(details.toString()).isEqualTo("SUCCESS");
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
    void theSessionsStatisticsAndItsRestorePointShowAndTheVmRestoresToANewVm() throws Exception {
        console = RunningConsole.loggedIn(config, engine, engine.initialAdminPassword());

        // History › the session › double-click: its statistics window.
        console.robot().clickOn("History");
        console.await("the session in History", () -> console.cellTexts("#history-table").contains("Nightly"));
        console.robot().doubleClickOn(cell("#history-table", "Nightly"));
        console.await("the statistics window", () -> console.isShown("#session-statistics")
                && "Success".equals(console.text("#statistics-state")));
        assertThat(console.text("#statistics-job")).isEqualTo("Nightly");
        assertThat(console.text("#statistics-success")).isEqualTo("1");
        assertThat(console.text("#statistics-errors")).isEqualTo("0");
        assertThat(console.text("#statistics-read")).as("the 4 MiB written to the image").isEqualTo("4.0 MiB");
        assertThat(console.text("#statistics-processed")).endsWith("B");
        assertThat(console.text("#statistics-transferred")).as("what reached the repository, and the reduction")
                .matches("[0-9.]+ (B|KiB|MiB) \\([0-9.]+x\\)");
        assertThat(console.text("#statistics-bottleneck")).isIn("Source", "Proxy", "Network", "Target");
        assertThat(console.text("#statistics-progress-text")).isEqualTo("100 %");
        assertThat(console.cellTexts("#statistics-vms")).contains("web", "Success");
        Stage statistics = (Stage) console.find("#session-statistics").orElseThrow().getScene().getWindow();
        RunningConsole.screenshot(statistics, SCREENSHOT);
        RunningConsole.onFx(() -> {
            statistics.close();
            return null;
        });

        // Backups › Nightly › web: its restore point; Restore… on the VM.
        console.robot().clickOn("Backups");
        console.await("the VM in Backups", () -> treeCells().contains("web"));
        assertThat(treeCells()).contains("Nightly", "Default Backup Repository", "Unverified");
        console.robot().clickOn(cell("#backups-tree", "web"));
        console.await("Restore… enabled", () -> !console.find("#action-restore").orElseThrow().isDisabled());
        console.robot().clickOn("#action-restore");

        DialogPane vm = console.awaitPage("restore-vm");
        console.await("the VM chosen", () -> console.buttonEnabled(vm, "Next"));
        console.clickDialogButton(vm, "Next");
        DialogPane point = console.awaitPage("restore-point");
        console.await("the newest restore point chosen", () -> console.buttonEnabled(point, "Next"));
        console.clickDialogButton(point, "Next");
        DialogPane mode = console.awaitPage("restore-mode");
        console.clickDialogButton(mode, "Next");
        DialogPane destination = console.awaitPage("restore-destination");
        assertThat(console.buttonEnabled(destination, "Next")).as("over the original, before the tick").isFalse();
        console.robot().clickOn("#restore-new-location");
        console.replaceText("#restore-vm-name", "web-copy");
        console.await("the new location accepted", () -> console.buttonEnabled(destination, "Next"));
        console.clickDialogButton(destination, "Next");
        DialogPane summary = console.awaitPage("restore-summary-page");
        assertThat(labels(summary)).anyMatch(text -> text.startsWith("New VM 'web-copy' in ")
                && text.contains("/datastore/web-copy"));
        console.clickDialogButton(summary, "Finish");

        // The restore's own statistics window follows it to its end.
        console.await("the restore's statistics", RUN, () -> console.isShown("#session-statistics")
                && "Success".equals(console.text("#statistics-state")));
        Path restored = web.getParent().resolveSibling("web-copy").resolve("web.qcow2");
        assertThat(restored).exists();
        assertThat(QemuImages.identical(restored, web)).as("the restored image is the source, bit for bit").isTrue();
    }

    private List<String> treeCells() {
        return RunningConsole.onFx(() -> console.robot().lookup("#backups-tree").lookup(".tree-table-cell")
                .<Labeled>queryAll().stream().map(Labeled::getText).filter(text -> text != null && !text.isEmpty())
                .toList());
    }

    private Node cell(String container, String text) {
        return RunningConsole.onFx(() -> console.robot().lookup(container).lookup(".indexed-cell")
                .<Labeled>queryAll().stream().filter(cell -> text.equals(cell.getText()) && cell.isVisible())
                .findFirst().orElseThrow(() -> new AssertionError("no cell '" + text + "' in " + container)));
    }

    private List<String> labels(DialogPane page) {
        return RunningConsole.onFx(() -> console.robot().from(page).lookup(".label").<Labeled>queryAll().stream()
                .map(Labeled::getText).filter(text -> text != null && !text.isEmpty()).toList());
    }


    private static JsonNode ok(Response response, int status) {
        return response.expect(status);
    }
}
