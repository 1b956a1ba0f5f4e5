package io.bulwark.console.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EventStreamRetryTest {
    @Test
    void backsOffFromOneSecondToThirtyAndStaysThere() {
        assertThat(IntStream.range(0, 8).mapToObj(EventStream::retryDelay).map(Duration::toSeconds))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
    }
}
