package io.bulwark.agent.nbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BlockSizesTest {
    @Test
    void alignsToTheMinimum() throws ProtocolViolation {
        BlockSizes sizes = BlockSizes.fromWire(512, 4096, 32 << 20);
        assertThat(sizes.alignDown(1000)).isEqualTo(512);
        assertThat(sizes.alignUp(1000)).isEqualTo(1024);
        assertThat(sizes.alignUp(1024)).isEqualTo(1024);
        assertThat(sizes.isAligned(1536)).isTrue();
        assertThat(sizes.isAligned(1537)).isFalse();
    }

    @Test
    void readsAreAtMostTheServersMaximum() throws ProtocolViolation {
        assertThat(BlockSizes.DEFAULT.readLength(1 << 20)).isEqualTo(1 << 20);
        assertThat(BlockSizes.fromWire(4096, 4096, 0xFFFF_FFFF).readLength(1 << 20)).isEqualTo(1 << 20);
        assertThat(BlockSizes.fromWire(4096, 4096, 3 * 4096).readLength(1 << 20)).isEqualTo(3 * 4096);
        assertThat(BlockSizes.fromWire(512, 4096, 1 << 20).readLength(1000)).isEqualTo(512);
    }

    @Test
    void refusesWhatTheSpecForbids() {
        assertThatThrownBy(() -> BlockSizes.fromWire(0, 4096, 1 << 20)).isInstanceOf(ProtocolViolation.class);
        assertThatThrownBy(() -> BlockSizes.fromWire(3, 4096, 3 << 20)).isInstanceOf(ProtocolViolation.class);
        assertThatThrownBy(() -> BlockSizes.fromWire(1 << 17, 1 << 17, 1 << 20)).isInstanceOf(ProtocolViolation.class);
        assertThatThrownBy(() -> BlockSizes.fromWire(4096, 4096, 5000)).isInstanceOf(ProtocolViolation.class)
                .hasMessage("its maximum block size 5000 is not a multiple of its minimum 4096");
    }
}
