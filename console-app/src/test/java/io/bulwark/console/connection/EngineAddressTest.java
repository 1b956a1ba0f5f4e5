package io.bulwark.console.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EngineAddressTest {
    @Test
    void readsTheLaunchersUrlForm() {
        assertThat(EngineAddress.parse("https://127.0.0.1:19500")).isEqualTo(new EngineAddress("127.0.0.1", 19500));
        assertThat(EngineAddress.parse("https://backup01")).isEqualTo(new EngineAddress("backup01", 9392));
        assertThat(EngineAddress.parse("https://[::1]:9392")).isEqualTo(new EngineAddress("::1", 9392));
    }

    @Test
    void writesIpv6AddressesInBrackets() {
        assertThat(new EngineAddress("::1", 9392)).hasToString("[::1]:9392");
        assertThat(new EngineAddress("::1", 9392).uri("/api/v1/engine")).hasToString("https://[::1]:9392/api/v1/engine");
    }

    @Test
    void refusesWhatIsNotAnEngineAddress() {
        assertThatThrownBy(() -> EngineAddress.parse("http://backup01:9392")).hasMessageContaining("https://HOST:9392");
        assertThatThrownBy(() -> EngineAddress.of("backup01", "ninety")).hasMessage("The port must be a number from 1 to 65535.");
        assertThatThrownBy(() -> EngineAddress.of("backup01", "70000")).hasMessage("The port must be a number from 1 to 65535.");
        assertThatThrownBy(() -> EngineAddress.of(" ", "9392")).hasMessageStartingWith("Enter the engine's address");
    }
}
