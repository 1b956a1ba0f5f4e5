package io.bulwark.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentKeygenCommandTest {
    @TempDir
    Path temp;

    @Test
    void printsTheRequestPathAndKeepsTheKeyOnASecondRun() throws Exception {
        Path directory = temp.resolve("agent");
        Output first = run("agent", "keygen", "--dir", directory.toString(), "--name", "host-1");
        assertThat(first.status()).as(first.err()).isZero();
        assertThat(first.out().strip()).isEqualTo(directory.resolve("agent.csr").toString());
        assertThat(first.err()).contains("Made a new key in " + directory.resolve("agent.key"));
        byte[] key = Files.readAllBytes(directory.resolve("agent.key"));

        Output second = run("agent", "keygen", "--dir", directory.toString());
        assertThat(second.status()).as(second.err()).isZero();
        assertThat(second.err()).contains("Kept the existing key in " + directory.resolve("agent.key"));
        assertThat(Files.readAllBytes(directory.resolve("agent.key"))).isEqualTo(key);
    }

    @Test
    void needsADirectory() {
        Output missing = run("agent", "keygen");
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).contains("agent keygen needs --dir");
        Output blank = run("agent", "keygen", "--dir", temp.toString(), "--name", " ");
        assertThat(blank.status()).isEqualTo(1);
        assertThat(blank.err()).contains("--name is blank");
    }

    private record Output(int status, String out, String err) {
    }

    private static Output run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = AgentMain.run(List.of(args), new Command.Terminal(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        return new Output(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
