package io.bulwark.agent.nbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NbdUriTest {
    @Test
    void parsesTcpWithDefaultsAndExplicitPorts() {
        assertThat(NbdUri.parse("nbd://esx1.example/disk0")).isEqualTo(NbdUri.tcp("esx1.example", 10809, "disk0"));
        assertThat(NbdUri.parse("nbd://10.0.0.5:10900/disk0")).isEqualTo(NbdUri.tcp("10.0.0.5", 10900, "disk0"));
        assertThat(NbdUri.parse("NBDS://host:1/x")).isEqualTo(NbdUri.tls("host", 1, "x"));
    }

    @Test
    void anEmptyPathIsTheDefaultExport() {
        assertThat(NbdUri.parse("nbd://host").exportName()).isEmpty();
        assertThat(NbdUri.parse("nbd://host/").exportName()).isEmpty();
        assertThat(NbdUri.parse("nbd://host:10809/").toString()).isEqualTo("nbd://host:10809/");
    }

    @Test
    void decodesTheExportNameAndKeepsInnerSlashes() {
        NbdUri uri = NbdUri.parse("nbd://host/vm%20one/disk%2d0/%C3%A9");
        assertThat(uri.exportName()).isEqualTo("vm one/disk-0/é");
        assertThat(uri.toString()).isEqualTo("nbd://host:10809/vm%20one/disk-0/%C3%A9");
        assertThat(NbdUri.parse(uri.toString())).isEqualTo(uri);
    }

    @Test
    void bracketsIpv6Literals() {
        NbdUri uri = NbdUri.parse("nbds://[fd00::1]:10810/d");
        assertThat(uri).isEqualTo(NbdUri.tls("fd00::1", 10810, "d"));
        assertThat(uri.toString()).isEqualTo("nbds://[fd00::1]:10810/d");
        assertThat(NbdUri.parse("nbd://[::1]/d").port()).isEqualTo(10809);
    }

    @Test
    void parsesUnixSockets() {
        NbdUri uri = NbdUri.parse("nbd+unix:///disk0?socket=/run/bulwark/nbd%20a.sock");
        assertThat(uri).isEqualTo(NbdUri.unix(Path.of("/run/bulwark/nbd a.sock"), "disk0"));
        assertThat(uri.isUnixSocket()).isTrue();
        assertThat(uri.toString()).isEqualTo("nbd+unix:///disk0?socket=/run/bulwark/nbd%20a.sock");
        assertThat(NbdUri.parse("nbd+unix://?socket=/s").exportName()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "host/disk0|does not start with nbd://",
            "http://host/disk0|the scheme http is not one of",
            "nbd://user:secret@host/disk0|must not carry user names or passwords",
            "nbd://host:0/d|not between 1 and 65535",
            "nbd://host:70000/d|not between 1 and 65535",
            "nbd://host:ten/d|the port ten is not a number",
            "nbd:///disk0|it names no host",
            "nbd://[::1/d|no closing ]",
            "nbd://host/d?tls=on|query parameters are only understood for nbd+unix",
            "nbd://host/d#x|no fragment",
            "nbd://host/d%4|a % is not followed by two hexadecimal digits",
            "nbd+unix:///d|needs the socket path",
            "nbd+unix://host/d?socket=/s|takes no host",
            "nbd+unix:///d?socket=/s&tls=on|the parameter 'tls' is not understood",
            "nbds+unix:///d?socket=/s|TLS over a Unix socket is not supported",
    })
    void refusesWhatItCannotUseWithAReason(String text, String reason) {
        assertThatThrownBy(() -> NbdUri.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'" + text + "' is not a usable NBD URI: ")
                .hasMessageContaining(reason);
    }
}
