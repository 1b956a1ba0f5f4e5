package io.bulwark.agent.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticDiskTest {
    @TempDir
    Path temp;

    /** The bytes are part of the benchmark's definition: these digests pin them across changes to the code. */
    @Test
    void theSameSeedsGiveTheSameBytesAsEver() throws Exception {
        Path base = temp.resolve("base.raw");
        Path changed = temp.resolve("changed.raw");
        SyntheticDisk.generate(base, 64, 7);
        SyntheticDisk.changed(base, changed, 2, 8);

        assertThat(sha256(base)).isEqualTo("a31c9fc28d5010209e6c1fb306bbcecc5ef0e11b370a155e1857558525cf053e");
        assertThat(sha256(changed)).isEqualTo("5e4637aadcc8867ae904954aada8f9d0cdfc85686fb9fae0358f024b36d66448");
    }

    @Test
    void changedReportsExactlyTheBlocksThatDiffer() throws Exception {
        Path base = temp.resolve("base.raw");
        Path changed = temp.resolve("changed.raw");
        SyntheticDisk.generate(base, 200, 3);

        long[] rewritten = SyntheticDisk.changed(base, changed, 2, 4);

        assertThat(rewritten).isSorted().doesNotHaveDuplicates().hasSizeBetween(1, 4);
        assertThat(differingBlocks(base, changed)).containsExactly(Arrays.stream(rewritten).boxed().toArray(Long[]::new));
    }

    private static List<Long> differingBlocks(Path a, Path b) throws Exception {
        byte[] left = Files.readAllBytes(a);
        byte[] right = Files.readAllBytes(b);
        List<Long> blocks = new ArrayList<>();
        for (int offset = 0; offset < left.length; offset += SyntheticDisk.BLOCK) {
            int end = offset + SyntheticDisk.BLOCK;
            if (Arrays.mismatch(left, offset, end, right, offset, end) >= 0) {
                blocks.add((long) offset / SyntheticDisk.BLOCK);
            }
        }
        return blocks;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
