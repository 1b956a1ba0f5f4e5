package io.bulwark.engine.servers;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.testing.Processes;
import io.bulwark.protocol.servers.HostFacts;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalHostAnalysisTest {
    @Test
    void theBackupServerNamesItsArchitectureAsTheInstallerNamesAManagedHosts(@TempDir Path data) {
        HostFacts facts = new LocalHostAnalysis(Clock.systemUTC()).analyse(data);

        // The installer reports uname -m; a managed host and the backup server must compare.
        assertThat(facts.architecture()).isEqualTo(Processes.run("uname", "-m"));
        assertThat(facts.cpuCores()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }
}
