package io.bulwark.installer;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.protocol.servers.HostFacts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostAnalysisTest {
    private static final Instant AT = Instant.parse("2026-03-01T10:15:30Z");
    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);

    @Test
    void readsEveryField() {
        HostAnalysis analysis = HostAnalysis.parse("""
                os=Debian GNU/Linux
                os.version=12
                kernel=6.1.0-18-amd64
                arch=x86_64
                cpu.cores=8
                memory.bytes=33554432000
                free.bytes=107374182400
                systemd=true
                qemu_nbd=false
                sha256sum=true
                datastore=/var/lib/libvirt/images
                datastore=/srv/vm disks
                installed.version=1.2.0
                service=running
                staged=%s  MANIFEST
                staged=%s  lib/bulwark-agent.jar
                partial=1048576 runtime/lib/modules
                installed=%s  runtime/bin/java
                """.formatted(A, B, A), AT);

        assertThat(analysis.facts()).isEqualTo(new HostFacts("Debian GNU/Linux", "12", "6.1.0-18-amd64", "x86_64", 8,
                33_554_432_000L, 107_374_182_400L, true, false,
                List.of("/var/lib/libvirt/images", "/srv/vm disks"), AT));
        assertThat(analysis.installedVersion()).isEqualTo("1.2.0");
        assertThat(analysis.service()).isEqualTo(ServiceState.RUNNING);
        assertThat(analysis.stagedFiles()).containsExactly(Map.entry("MANIFEST", A), Map.entry("lib/bulwark-agent.jar", B));
        assertThat(analysis.partialFiles()).containsExactly(Map.entry("runtime/lib/modules", 1_048_576L));
        assertThat(analysis.installedFiles()).containsExactly(Map.entry("runtime/bin/java", A));
    }

    @Test
    void missingOrBrokenFieldsAreNull() {
        HostAnalysis analysis = HostAnalysis.parse("""
                os=
                cpu.cores=many
                memory.bytes=-5
                systemd=maybe
                installed.version=
                service=sleeping
                bash: warning: setlocale: LC_ALL: cannot change locale
                """, AT);

        HostFacts facts = analysis.facts();
        assertThat(facts.os()).isNull();
        assertThat(facts.osVersion()).isNull();
        assertThat(facts.kernel()).isNull();
        assertThat(facts.architecture()).isNull();
        assertThat(facts.cpuCores()).isNull();
        assertThat(facts.memoryBytes()).isNull();
        assertThat(facts.freeSpaceBytes()).isNull();
        assertThat(facts.systemd()).isNull();
        assertThat(facts.qemuNbd()).isNull();
        assertThat(facts.datastores()).isEmpty();
        assertThat(facts.analysedAt()).isEqualTo(AT);
        assertThat(analysis.installedVersion()).isNull();
        assertThat(analysis.service()).isNull();
        assertThat(analysis.stagedFiles()).isEmpty();
        assertThat(analysis.partialFiles()).isEmpty();
        assertThat(analysis.installedFiles()).isEmpty();
    }

    @Test
    void fileLinesThatAreNotSafeAreIgnored() {
        HostAnalysis analysis = HostAnalysis.parse("""
                staged=%s  ../../etc/shadow
                staged=%s  /etc/passwd
                staged=nothex  lib/x
                staged=%s  lib/ok
                partial=12 ../x
                partial=twelve lib/y
                partial=12
                partial=7 lib/z
                installed=%s  lib/../../x
                """.formatted(A, A, A, B), AT);

        assertThat(analysis.stagedFiles()).containsOnlyKeys("lib/ok");
        assertThat(analysis.partialFiles()).containsExactly(Map.entry("lib/z", 7L));
        assertThat(analysis.installedFiles()).isEmpty();
    }

    @Test
    void emptyOutputGivesAnEmptyAnalysis() {
        HostAnalysis analysis = HostAnalysis.parse("", AT);

        assertThat(analysis.facts().os()).isNull();
        assertThat(analysis.service()).isNull();
        assertThat(ServiceState.parse("Stopped")).isEqualTo(ServiceState.STOPPED);
        assertThat(ServiceState.parse("absent")).isEqualTo(ServiceState.ABSENT);
    }
}
