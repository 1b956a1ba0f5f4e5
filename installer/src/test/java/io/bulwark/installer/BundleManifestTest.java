package io.bulwark.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BundleManifestTest {
    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);
    private static final String C = "c".repeat(64);

    @Test
    void parsesAndFormatsSha256sumLines() {
        String text = A + "  lib/bulwark-agent.jar\n\n" + B + " *runtime/bin/java\n" + C + "  runtime/lib/a file\n";

        BundleManifest manifest = BundleManifest.parse(text);

        assertThat(manifest.entries()).containsExactly(
                new BundleManifest.Entry(A, "lib/bulwark-agent.jar"),
                new BundleManifest.Entry(B, "runtime/bin/java"),
                new BundleManifest.Entry(C, "runtime/lib/a file"));
        assertThat(manifest.format()).isEqualTo(
                A + "  lib/bulwark-agent.jar\n" + B + "  runtime/bin/java\n" + C + "  runtime/lib/a file\n");
        assertThat(BundleManifest.parse(manifest.format())).isEqualTo(manifest);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../etc/passwd", "lib/../../etc/passwd", "/etc/passwd", "lib/./x", "lib//x",
            "lib/", "..", ".", "lib\\x", " lib/x", "lib/x ", "lib/\tx"})
    void rejectsPathsThatLeaveTheBundle(String path) {
        assertThatThrownBy(() -> BundleManifest.parse(A + "  " + path + "\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 1");
        assertThat(BundleManifest.isSafePath(path)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"MANIFEST", "VERSION", "lib/bulwark-agent.jar.part"})
    void rejectsTheNamesTheInstallerKeeps(String path) {
        assertThatThrownBy(() -> BundleManifest.parse(A + "  " + path + "\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(path);
    }

    @Test
    void rejectsMalformedLines() {
        for (String line : List.of("not a manifest line", "abc  lib/x", "A".repeat(64) + "  lib/x",
                "a".repeat(64) + "\tlib/x", "a".repeat(64) + " lib/x", "a".repeat(65) + "  lib/x")) {
            assertThatThrownBy(() -> BundleManifest.parse(line + "\n")).as(line)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(BundleManifest.Entry.parse(line)).as(line).isNull();
        }
    }

    @Test
    void rejectsAPathListedTwice() {
        assertThatThrownBy(() -> BundleManifest.parse(A + "  lib/x\n" + B + "  lib/x\n"))
                .hasMessageContaining("twice");
    }

    @Test
    void missingFromListsWhatNoHostCopyHasWithTheSameHash() {
        BundleManifest manifest = BundleManifest.parse(A + "  a\n" + B + "  b\n" + C + "  c\n");
        Map<String, String> staged = Map.of("a", A, "b", C);
        Map<String, String> installed = Map.of("c", C, "b", A);

        assertThat(manifest.missingFrom(staged, installed)).containsExactly(new BundleManifest.Entry(B, "b"));
        assertThat(manifest.missingFrom()).hasSize(3);
        assertThat(manifest.missingFrom(manifest.asMap())).isEmpty();
    }

    @Test
    void scanHashesEveryFileOfADirectory(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/bulwark-agent.jar"), "abc");
        Files.writeString(dir.resolve("README"), "");

        BundleManifest manifest = BundleManifest.scan(dir);

        assertThat(manifest.entries()).containsExactly(
                new BundleManifest.Entry("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "README"),
                new BundleManifest.Entry("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                        "lib/bulwark-agent.jar"));
    }

    @Test
    void entriesAreValidatedWhenBuiltDirectly() {
        assertThatThrownBy(() -> new BundleManifest.Entry("xyz", "lib/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BundleManifest(List.of(new BundleManifest.Entry(A, "../x"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
