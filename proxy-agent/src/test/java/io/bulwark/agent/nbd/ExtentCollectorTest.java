package io.bulwark.agent.nbd;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.agent.source.Extent;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExtentCollectorTest {
    private static final int DATA = 0;
    private static final int HOLE_ZERO = NbdProtocol.NBD_STATE_HOLE | NbdProtocol.NBD_STATE_ZERO;
    private static final int CLEAN = 0;
    private static final int DIRTY = NbdProtocol.NBD_STATE_DIRTY;

    @Test
    void allocationAloneGivesZeroAndDataExtentsAllDirty() {
        ExtentCollector collector = new ExtentCollector(0, 12288);
        assertThat(collector.add(0, List.of(d(4096, HOLE_ZERO), d(8192, DATA)), null)).isTrue();
        assertThat(collector.isComplete()).isTrue();
        assertThat(collector.extents()).containsExactly(new Extent(0, 4096, true, true), new Extent(4096, 8192, false, true));
    }

    @Test
    void aHoleThatDoesNotReadAsZeroIsData() {
        ExtentCollector collector = new ExtentCollector(0, 100);
        collector.add(0, List.of(d(100, NbdProtocol.NBD_STATE_HOLE)), null);
        assertThat(collector.extents()).containsExactly(new Extent(0, 100, false, true));
    }

    @Test
    void cutsAtTheBoundariesOfBothContexts() {
        ExtentCollector collector = new ExtentCollector(0, 300);
        collector.add(0, List.of(d(100, DATA), d(200, HOLE_ZERO)), List.of(d(50, CLEAN), d(200, DIRTY), d(150, CLEAN)));
        assertThat(collector.extents()).containsExactly(
                new Extent(0, 50, false, false),
                new Extent(50, 50, false, true),
                new Extent(100, 150, true, true),
                new Extent(250, 50, true, false));
    }

    @Test
    void continuesWhereTheShorterContextStoppedAndJoinsAcrossReplies() {
        ExtentCollector collector = new ExtentCollector(0, 400);
        assertThat(collector.add(0, List.of(d(200, HOLE_ZERO)), List.of(d(400, CLEAN)))).isTrue();
        assertThat(collector.position()).isEqualTo(200);
        assertThat(collector.isComplete()).isFalse();
        collector.add(200, List.of(d(100, HOLE_ZERO), d(100, DATA)), List.of(d(200, CLEAN)));
        assertThat(collector.isComplete()).isTrue();
        assertThat(collector.extents()).containsExactly(new Extent(0, 300, true, false), new Extent(300, 100, false, false));
    }

    @Test
    void clipsDescriptorsThatStartBeforeTheRangeOrRunPastIt() {
        ExtentCollector collector = new ExtentCollector(1000, 2000);
        collector.add(512, List.of(d(1024, DATA), d(4096, HOLE_ZERO)), null);
        assertThat(collector.isComplete()).isTrue();
        assertThat(collector.extents()).containsExactly(new Extent(1000, 536, false, true), new Extent(1536, 464, true, true));
    }

    @Test
    void aReplyThatEndsBeforeThePositionMakesNoProgress() {
        ExtentCollector collector = new ExtentCollector(1000, 2000);
        assertThat(collector.add(512, List.of(d(488, DATA)), null)).isFalse();
        assertThat(collector.position()).isEqualTo(1000);
        assertThat(collector.extents()).isEmpty();
    }

    private static StatusDescriptor d(long length, int flags) {
        return new StatusDescriptor(length, flags);
    }
}
