package io.bulwark.console.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.console.common.EventBus;
import io.bulwark.console.connection.ConnectionEvents.StreamLost;
import io.bulwark.console.connection.ConnectionEvents.StreamOpened;
import io.bulwark.console.connection.EngineAddress;
import io.bulwark.console.connection.EngineClient;
import io.bulwark.console.connection.EngineConnection;
import io.bulwark.protocol.auth.Role;
import io.bulwark.protocol.engine.EngineInfo;
import io.bulwark.protocol.users.UserView;
import java.time.Instant;
import java.util.UUID;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatusBarViewModelTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    private final EventBus bus = new EventBus(Runnable::run);
    private final EngineClient client = new EngineClient(new EngineAddress("127.0.0.1", 9392), null);
    private final StatusBarViewModel status = new StatusBarViewModel(
            new EngineConnection(client, new UserView(UUID.randomUUID(), "ann", Role.OPERATOR, NOW, NOW),
                    new EngineInfo("1.0", "backup01", "H2 (embedded)", NOW)),
            bus, new SimpleBooleanProperty(), new SimpleStringProperty());

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void namesTheEngineAndTheUserWithTheirRole() {
        assertThat(status.engine()).isEqualTo("backup01 (127.0.0.1:9392)");
        assertThat(status.engineVersion()).isEqualTo("Bulwark 1.0");
        assertThat(status.user()).isEqualTo("ann (Operator)");
        assertThat(status.connectionTextProperty().get()).isEqualTo("Connected");
    }

    @Test
    void countsDownToTheNextAttemptAndSaysWhenItIsBack() {
        bus.publish(new StreamLost("The engine closed the event stream.", NOW.plusSeconds(4)));
        status.tick(NOW);
        assertThat(status.stateProperty().get()).isEqualTo(ConnectionState.LOST);
        assertThat(status.connectionTextProperty().get()).isEqualTo("Connection lost — retrying in 4 s");
        assertThat(status.connectionDetailProperty().get()).isEqualTo("The engine closed the event stream.");

        status.tick(NOW.plusMillis(3500));
        assertThat(status.connectionTextProperty().get()).isEqualTo("Connection lost — retrying in 1 s");
        status.tick(NOW.plusSeconds(5));
        assertThat(status.connectionTextProperty().get()).isEqualTo("Connection lost — retrying now");

        bus.publish(new StreamOpened(true));
        assertThat(status.stateProperty().get()).isEqualTo(ConnectionState.RECONNECTED);
        assertThat(status.connectionTextProperty().get()).isEqualTo("Reconnected");
        assertThat(status.connectionDetailProperty().get()).isEmpty();
    }
}
