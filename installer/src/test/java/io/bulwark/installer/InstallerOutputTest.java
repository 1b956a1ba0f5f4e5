package io.bulwark.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InstallerOutputTest {
    @Test
    void keepsOrderAndRepeatedKeysAndSkipsGarbage() {
        InstallerOutput output = InstallerOutput.parse("""
                os=Debian GNU/Linux
                sh: 1: warning: something odd
                datastore=/srv/a b
                =no key
                Upper=not a key
                datastore=/srv/c
                empty=
                equals=a=b\r
                """);

        assertThat(output.pairs()).extracting(InstallerOutput.Pair::key)
                .containsExactly("os", "datastore", "datastore", "empty", "equals");
        assertThat(output.first("os")).isEqualTo("Debian GNU/Linux");
        assertThat(output.all("datastore")).containsExactly("/srv/a b", "/srv/c");
        assertThat(output.first("empty")).isEmpty();
        assertThat(output.first("equals")).isEqualTo("a=b");
        assertThat(output.first("absent")).isNull();
        assertThat(output.all("absent")).isEmpty();
        assertThat(output.asMap().keySet()).containsExactly("os", "datastore", "empty", "equals");
        assertThat(output.error()).isNull();
    }

    @Test
    void errorIsTheLastErrorLine() {
        InstallerOutput output = InstallerOutput.parse("changed=false\nerror=first\nerror=needs 5 MiB on /, has 1 MiB\n");

        assertThat(output.error()).isEqualTo("needs 5 MiB on /, has 1 MiB");
        assertThat(InstallerOutput.parse(null).pairs()).isEmpty();
    }

    @Test
    void multilineValuesAreJoinedWithBackslashN() {
        InstallerOutput output = InstallerOutput.parse(
                "csr=-----BEGIN CERTIFICATE REQUEST-----\\nQUJD\\n-----END CERTIFICATE REQUEST-----\n");

        assertThat(output.multiline("csr")).isEqualTo(
                "-----BEGIN CERTIFICATE REQUEST-----\nQUJD\n-----END CERTIFICATE REQUEST-----\n");
        assertThat(output.multiline("none")).isNull();
        assertThat(List.of(output.first("csr"))).noneMatch(v -> v.contains("\n"));
    }
}
