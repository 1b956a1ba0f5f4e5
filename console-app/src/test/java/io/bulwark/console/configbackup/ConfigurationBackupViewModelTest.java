package io.bulwark.console.configbackup;

import static io.bulwark.console.configbackup.ConfigurationBackupViewModel.CONFIRMATION;
import static io.bulwark.console.configbackup.ConfigurationBackupViewModel.HINT;
import static io.bulwark.console.configbackup.ConfigurationBackupViewModel.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.console.common.CurrentThreadTaskExecutor;
import io.bulwark.console.common.ScriptedDialogService;
import io.bulwark.console.common.ScriptedDialogService.Shown;
import io.bulwark.console.connection.EngineClient.Download;
import io.bulwark.console.connection.EngineException;
import io.bulwark.console.connection.EngineRefusedException;
import io.bulwark.protocol.configuration.ConfigurationBackupKind;
import io.bulwark.protocol.configuration.ConfigurationBackupView;
import io.bulwark.protocol.configuration.ConfigurationExportRequest;
import io.bulwark.protocol.errors.ApiError;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationBackupViewModelTest {
    private static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");
    private static final byte[] SEALED = "BWCONFIG sealed bytes".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path home;

    private final FakeApi engine = new FakeApi();
    private final ScriptedDialogService dialogs = new ScriptedDialogService();
    private ConfigurationBackupViewModel viewModel;

    private ConfigurationBackupViewModel viewModel() {
        if (viewModel == null) {
            viewModel = new ConfigurationBackupViewModel(engine, new CurrentThreadTaskExecutor(), dialogs,
                    "backup 01.example.com", home, Clock.fixed(NOW, ZoneOffset.UTC));
        }
        return viewModel;
    }

    private void typeGoodPassword() {
        viewModel().passwordProperty().set("correct horse");
        viewModel().confirmationProperty().set("correct horse");
        viewModel().hintProperty().set("  the safe in room 2  ");
    }

    @Test
    void proposesTheEnginesKindOfNameInTheHomeFolderAndListsTheRecordedBackupsWhenOpened() {
        engine.backups.add(backup(ConfigurationBackupKind.BEFORE_MIGRATION, "before-schema-7-20241201T000000Z.bcb"));

        viewModel().opened();

        assertThat(viewModel().targetProperty().get())
                .isEqualTo(home.resolve("bulwark-configuration-backup_01.example.com-20250102T030405Z.bcb"));
        assertThat(viewModel().backups()).extracting(ConfigurationBackupView::fileName)
                .containsExactly("before-schema-7-20241201T000000Z.bcb");
        assertThat(ConfigurationBackupViewModel.kind(ConfigurationBackupKind.BEFORE_MIGRATION))
                .isEqualTo("Before schema migration");
    }

    @Test
    void exportWaitsForAPasswordTypedTwiceByTheRulesOfEncryptionPasswords() {
        assertThat(viewModel().problemProperty().get()).startsWith("Type a password of at least 8 characters");

        viewModel().passwordProperty().set("short");
        assertThat(viewModel().fieldError(PASSWORD).get()).isEqualTo("The password must have at least 8 characters.");
        assertThat(viewModel().problemProperty().get()).isEqualTo("The password must have at least 8 characters.");

        viewModel().passwordProperty().set("correct horse");
        assertThat(viewModel().fieldError(PASSWORD).get()).isNull();
        assertThat(viewModel().problemProperty().get()).isEqualTo("Type the password again to confirm it.");

        viewModel().confirmationProperty().set("correct hose");
        assertThat(viewModel().fieldError(CONFIRMATION).get()).isEqualTo("The passwords do not match.");

        viewModel().confirmationProperty().set("correct horse");
        viewModel().hintProperty().set(" correct horse ");
        assertThat(viewModel().fieldError(HINT).get()).startsWith("The hint must not be the password itself");
        assertThat(viewModel().problemProperty().get()).isNotNull();

        viewModel().hintProperty().set("the safe");
        viewModel().targetProperty().set(null);
        assertThat(viewModel().problemProperty().get()).isEqualTo("Choose where to save the file.");

        viewModel().targetProperty().set(home.resolve("x.bcb"));
        assertThat(viewModel().problemProperty().get()).isNull();
        viewModel().passwordProperty().set("");
        viewModel().export();
        assertThat(engine.requests).isEmpty();
    }

    @Test
    void theExportIsSavedOwnerOnlyUnderTheEnginesNameAndTheAdminIsToldWhereAndHowLarge() throws Exception {
        viewModel().opened();
        typeGoodPassword();
        engine.fileName = "bulwark-configuration-backup_01.example.com-20250102T030407Z.bcb";

        viewModel().export();

        assertThat(engine.requests).containsExactly(new ConfigurationExportRequest("correct horse", "the safe in room 2"));
        Path saved = home.resolve(engine.fileName);
        assertThat(saved).hasBinaryContent(SEALED);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(saved))).isEqualTo("rw-------");
        try (var files = Files.list(home)) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly(engine.fileName);
        }
        assertThat(dialogs.shown()).singleElement().satisfies(shown -> {
            assertThat(shown.kind()).isEqualTo("information");
            assertThat(shown.message()).startsWith("Saved the configuration to " + saved + " (21 B).");
        });
        // The list is read again, and the passwords are not kept.
        assertThat(engine.listed).isEqualTo(2);
        assertThat(viewModel().backups()).extracting(ConfigurationBackupView::fileName).containsExactly(engine.fileName);
        assertThat(viewModel().passwordProperty().get()).isEmpty();
        assertThat(viewModel().confirmationProperty().get()).isEmpty();
        assertThat(viewModel().exportingProperty().get()).isFalse();
    }

    @Test
    void aChosenFileKeepsItsNameAndAnExistingOneIsReplacedOnlyWhenTheAdminSaysSo() throws Exception {
        typeGoodPassword();
        viewModel().chooseTarget(home.resolve("mine"));
        Path mine = home.resolve("mine.bcb");
        assertThat(viewModel().targetProperty().get()).isEqualTo(mine);
        Files.writeString(mine, "an older backup");

        dialogs.confirming(false);
        viewModel().export();
        assertThat(dialogs.shown()).extracting(Shown::kind, Shown::title)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("confirmation", "Replace mine.bcb?"));
        assertThat(engine.requests).isEmpty();
        assertThat(mine).hasContent("an older backup");

        dialogs.confirming(true);
        viewModel().export();
        assertThat(engine.requests).hasSize(1);
        // The engine's name is for the console's proposal only: the admin's choice stands.
        assertThat(mine).hasBinaryContent(SEALED);
        assertThat(home.resolve(engine.fileName)).doesNotExist();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(mine))).isEqualTo("rw-------");
    }

    @Test
    void theEnginesFieldErrorsShowOnTheirFieldsUntilTheyAreChanged() {
        typeGoodPassword();
        engine.failure = new EngineRefusedException(new ApiError(400, "Bad Request", "Invalid request",
                Map.of("hint", "may have at most 256 characters")));

        viewModel().export();

        assertThat(viewModel().fieldError(HINT).get()).isEqualTo("The hint may have at most 256 characters.");
        assertThat(viewModel().problemProperty().get()).startsWith("The engine refused");
        assertThat(dialogs.shown()).isEmpty();
        try (var files = Files.list(home)) {
            assertThat(files).isEmpty();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }

        viewModel().hintProperty().set("the safe");
        assertThat(viewModel().fieldError(HINT).get()).isNull();
        assertThat(viewModel().problemProperty().get()).isNull();
    }

    @Test
    void otherFailuresGoToTheDialogServiceAndAMissingFolderIsRefusedBeforeTheEngineIsAsked() throws Exception {
        typeGoodPassword();
        viewModel().targetProperty().set(home.resolve("no such folder").resolve("backup.bcb"));
        viewModel().export();
        assertThat(engine.requests).isEmpty();
        assertThat(dialogs.shown()).singleElement().satisfies(shown -> {
            assertThat(shown.kind()).isEqualTo("error");
            assertThat(shown.message()).contains("no such folder").contains("does not exist");
        });

        dialogs.shown().clear();
        viewModel().targetProperty().set(home.resolve("backup.bcb"));
        engine.failure = new EngineException("Lost the connection to the engine at 127.0.0.1:9443 (reset).");
        viewModel().export();
        assertThat(dialogs.shown()).containsExactly(new Shown("error", "Cannot export the configuration",
                "Lost the connection to the engine at 127.0.0.1:9443 (reset)."));
        assertThat(viewModel().exportingProperty().get()).isFalse();
        assertThat(home.resolve("backup.bcb")).doesNotExist();
    }

    private static ConfigurationBackupView backup(ConfigurationBackupKind kind, String fileName) {
        return new ConfigurationBackupView(UUID.randomUUID(), NOW, kind, fileName, SEALED.length, "7", null);
    }

    private static final class FakeApi implements ConfigurationBackupApi {
        final List<ConfigurationExportRequest> requests = new ArrayList<>();
        final List<ConfigurationBackupView> backups = new ArrayList<>();
        String fileName = "bulwark-configuration-backup_01.example.com-20250102T030406Z.bcb";
        RuntimeException failure;
        int listed;

        @Override
        public Download export(ConfigurationExportRequest request) {
            requests.add(request);
            if (failure != null) {
                throw failure;
            }
            backups.addFirst(backup(ConfigurationBackupKind.EXPORT, fileName));
            return new Download(fileName, SEALED.clone());
        }

        @Override
        public List<ConfigurationBackupView> backups() {
            listed++;
            return List.copyOf(backups);
        }
    }
}
