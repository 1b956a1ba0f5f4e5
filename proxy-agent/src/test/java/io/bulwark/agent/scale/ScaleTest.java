package io.bulwark.agent.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository of ten million blocks works within a 1 GiB heap: the index, lookups and garbage
 * collection at that size, in a JVM that is given no more.
 */
class ScaleTest {
    @TempDir
    Path temp;

    @Test
    void tenMillionBlocksFitInAOneGibibyteHeap() throws Exception {
        Path output = temp.resolve("output.txt");
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                TenMillionBlocks.class.getName(), temp.resolve("repository").toString()))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean ended = process.waitFor(10, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly();
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(ended).as("finished in time:\n" + printed).isTrue();
        assertThat(process.exitValue()).as(printed).isZero();
        assertThat(printed).contains("ten million blocks: peak heap");
        System.out.println(printed.strip());
    }
}
