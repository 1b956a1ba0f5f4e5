package io.bulwark.console.connection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EngineClientFileNameTest {
    @Test
    void theNameOfferedIsTakenOnlyWhenItIsAPlainFileName() {
        assertThat(EngineClient.fileName("attachment; filename=\"bulwark-configuration-h-20250102T030405Z.bcb\""))
                .isEqualTo("bulwark-configuration-h-20250102T030405Z.bcb");
        assertThat(EngineClient.fileName("attachment;filename=plain.bcb")).isEqualTo("plain.bcb");
        assertThat(EngineClient.fileName("attachment; filename=\"../../.bashrc\"")).isNull();
        assertThat(EngineClient.fileName("attachment; filename=\"/etc/passwd\"")).isNull();
        assertThat(EngineClient.fileName("attachment; filename=\".hidden\"")).isNull();
        assertThat(EngineClient.fileName("attachment")).isNull();
        assertThat(EngineClient.fileName(null)).isNull();
    }
}
