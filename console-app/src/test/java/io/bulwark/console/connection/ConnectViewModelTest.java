package io.bulwark.console.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.console.common.CurrentThreadTaskExecutor;
import io.bulwark.console.common.ScriptedDialogService;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectViewModelTest {
    @TempDir
    Path config;

    private final ScriptedDialogService dialogs = new ScriptedDialogService();
    private final List<EngineConnection> connected = new ArrayList<>();
    private PinnedCertificates pins;
    private ProfileStore profiles;

    @BeforeEach
    void setUp() {
        pins = new PinnedCertificates(config, Clock.systemUTC());
        profiles = new ProfileStore(config);
    }

    private ConnectViewModel viewModel() {
        return new ConnectViewModel(new Connector(pins), pins, profiles, new CurrentThreadTaskExecutor(), dialogs,
                (address, certificate) -> false, connected::add);
    }

    @Test
    void connectWaitsForEveryField() {
        ConnectViewModel viewModel = viewModel();
        assertThat(viewModel.canConnectProperty().get()).isFalse();

        viewModel.hostProperty().set("backup01");
        viewModel.usernameProperty().set("admin");
        assertThat(viewModel.canConnectProperty().get()).isFalse();

        viewModel.passwordProperty().set("secret");
        assertThat(viewModel.canConnectProperty().get()).isTrue();

        viewModel.portProperty().set("");
        assertThat(viewModel.canConnectProperty().get()).isFalse();
    }

    @Test
    void theNewestProfileIsFilledInButNeverAPassword() {
        profiles.remember(ConnectionProfile.of(new EngineAddress("backup02", 9400), "ann"));

        ConnectViewModel viewModel = viewModel();

        assertThat(viewModel.hostProperty().get()).isEqualTo("backup02");
        assertThat(viewModel.portProperty().get()).isEqualTo("9400");
        assertThat(viewModel.usernameProperty().get()).isEqualTo("ann");
        assertThat(viewModel.passwordProperty().get()).isEmpty();
    }

    @Test
    void anEngineThatDoesNotRunIsNamedWithTheAdvice() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ConnectViewModel viewModel = viewModel();
        viewModel.hostProperty().set("127.0.0.1");
        viewModel.portProperty().set(String.valueOf(closedPort));
        viewModel.usernameProperty().set("admin");
        viewModel.passwordProperty().set("secret");

        viewModel.connect();

        assertThat(viewModel.errorMessageProperty().get())
                .isEqualTo("Cannot reach 127.0.0.1:" + closedPort + ": connection refused. Is the engine running?");
        assertThat(viewModel.busyProperty().get()).isFalse();
        assertThat(connected).isEmpty();
    }

    @Test
    void aPortThatIsNotANumberIsExplained() {
        ConnectViewModel viewModel = viewModel();
        viewModel.hostProperty().set("backup01");
        viewModel.portProperty().set("https");
        viewModel.usernameProperty().set("admin");
        viewModel.passwordProperty().set("secret");

        viewModel.connect();

        assertThat(viewModel.errorMessageProperty().get()).isEqualTo("The port must be a number from 1 to 65535.");
    }

    @Test
    void forgetsAPinnedCertificateOnlyWhenConfirmed() {
        EngineAddress address = new EngineAddress("backup01", 9392);
        pins.pin(address, "AB:CD");
        ConnectViewModel viewModel = viewModel();
        viewModel.hostProperty().set("backup01");
        assertThat(viewModel.certificatePinnedProperty().get()).isTrue();

        dialogs.confirming(false);
        viewModel.forgetCertificate();
        assertThat(pins.fingerprint(address)).isPresent();

        dialogs.confirming(true);
        viewModel.forgetCertificate();
        assertThat(pins.fingerprint(address)).isEmpty();
        assertThat(viewModel.certificatePinnedProperty().get()).isFalse();
    }
}
