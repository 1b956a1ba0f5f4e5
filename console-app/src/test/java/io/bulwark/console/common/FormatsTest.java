package io.bulwark.console.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.protocol.proxies.TransportMode;
import org.junit.jupiter.api.Test;

class FormatsTest {
    @Test
    void bytesInBinaryUnits() {
        assertThat(Formats.bytes(null)).isEmpty();
        assertThat(Formats.bytes(512L)).isEqualTo("512 B");
        assertThat(Formats.bytes(1536L)).isEqualTo("1.5 KiB");
        assertThat(Formats.bytes(25_276_514_304L)).isEqualTo("23.5 GiB");
    }

    @Test
    void enumConstantsAsWords() {
        assertThat(Formats.label(TransportMode.DIRECT_STORAGE)).isEqualTo("Direct storage");
        assertThat(Formats.label(null)).isEmpty();
    }
}
