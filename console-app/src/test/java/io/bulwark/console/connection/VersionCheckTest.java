package io.bulwark.console.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.console.common.CurrentThreadTaskExecutor;
import io.bulwark.console.common.ScriptedDialogService;
import io.bulwark.engine.testing.EngineProcess;
import io.bulwark.protocol.ApiVersion;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connect dialog against a real engine, for consoles of other releases than the engine's: each
 * side's refusal reaches the dialog's error line with the release to install, and no login happens.
 */
class VersionCheckTest {
    private static EngineProcess engine;
    private static EngineAddress address;

    @TempDir
    static Path temporary;
    @TempDir
    Path config;

    private final List<EngineConnection> connected = new ArrayList<>();

    @BeforeAll
    static void startEngine() {
        engine = EngineProcess.start(temporary.resolve("engine"), Map.of());
        address = new EngineAddress("127.0.0.1", engine.port());
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    /** The connect dialog's view model of a console that says it is {@code console}, the engine's certificate trusted. */
    private ConnectViewModel dialogOf(ConsoleVersion console) {
        PinnedCertificates pins = new PinnedCertificates(config, Clock.systemUTC());
        pins.pin(address, engine.fingerprint());
        ConnectViewModel viewModel = new ConnectViewModel(new Connector(pins, console), pins, new ProfileStore(config),
                new CurrentThreadTaskExecutor(), new ScriptedDialogService(), (where, certificate) -> false,
                connected::add);
        viewModel.hostProperty().set(address.host());
        viewModel.portProperty().set(String.valueOf(address.port()));
        viewModel.usernameProperty().set("admin");
        viewModel.passwordProperty().set(engine.initialAdminPassword());
        return viewModel;
    }

    @Test
    void aConsoleOlderThanTheEngineServesIsToldWhichConsoleToInstall() {
        ConnectViewModel dialog = dialogOf(new ConsoleVersion("0.0.9", 0, 0));

        dialog.connect();

        assertThat(dialog.errorMessageProperty().get()).startsWith("This console (Bulwark 0.0.9, API 0) is older than "
                        + "the engine at ")
                .contains("(Bulwark " + ApiVersion.product() + ", API " + ApiVersion.CURRENT + ")",
                        "Install Bulwark Console " + ApiVersion.product() + " on this workstation",
                        "bulwark-console " + ApiVersion.product());
        assertThat(connected).isEmpty();
    }

    @Test
    void anEngineOlderThanTheConsoleWorksWithIsNamedWithTheReleaseToUpgradeTo() {
        ConnectViewModel dialog = dialogOf(new ConsoleVersion("9.0.0", ApiVersion.CURRENT + 1, ApiVersion.CURRENT + 1));

        dialog.connect();

        assertThat(dialog.errorMessageProperty().get()).isEqualTo("The engine at " + address + " (Bulwark "
                + ApiVersion.product() + ", API " + ApiVersion.CURRENT + ") is older than this console (Bulwark 9.0.0, "
                + "API " + (ApiVersion.CURRENT + 1) + ") works with. Upgrade the engine to Bulwark 9.0.0, or install "
                + "Bulwark Console " + ApiVersion.product() + " (the package bulwark-console " + ApiVersion.product()
                + "), the console of the engine's release.");
        assertThat(connected).isEmpty();
    }

    @Test
    void theConsoleOfTheEnginesReleaseLogsIn() {
        ConnectViewModel dialog = dialogOf(ConsoleVersion.CURRENT);

        dialog.connect();

        assertThat(dialog.errorMessageProperty().get()).isEmpty();
        assertThat(connected).singleElement().satisfies(connection -> {
            assertThat(connection.engine().version()).isEqualTo(ApiVersion.product());
            connection.client().close();
        });
    }

    @Test
    void anEngineFromBeforeVersionChecksIsTooOldAndSaysWhatToDo() {
        assertThat(ConsoleVersion.CURRENT.problemWith(null, address)).hasValue("The engine at " + address
                + " is older than this console (Bulwark " + ApiVersion.product() + ", API " + ApiVersion.CURRENT
                + ") works with: it is from before Bulwark told its version. Upgrade the engine to Bulwark "
                + ApiVersion.product() + ", or use the console of the engine's own release.");
    }
}
