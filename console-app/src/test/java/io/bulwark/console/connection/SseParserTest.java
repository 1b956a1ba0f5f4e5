package io.bulwark.console.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SseParserTest {
    private final SseParser parser = new SseParser();

    private List<ServerSentEvent> feed(String... lines) {
        return Stream.of(lines).map(parser::accept).flatMap(Optional::stream).toList();
    }

    @Test
    void readsNamedEventsAsTheEngineSendsThem() {
        assertThat(feed("event: hello", "data: {\"user\":\"admin\"}", "",
                "event: change", "data: {\"sequence\":5}", ""))
                .containsExactly(new ServerSentEvent("hello", "{\"user\":\"admin\"}"),
                        new ServerSentEvent("change", "{\"sequence\":5}"));
    }

    @Test
    void ignoresHeartbeatCommentsEvenInsideAnEvent() {
        assertThat(feed(": heartbeat", "", "event: change", ": heartbeat", "data: x", ""))
                .containsExactly(new ServerSentEvent("change", "x"));
    }

    @Test
    void joinsDataLinesWithNewlinesAndStripsOnlyOneLeadingSpace() {
        assertThat(feed("data:first", "data:  second", ""))
                .containsExactly(new ServerSentEvent("message", "first\n second"));
    }

    @Test
    void anEventWithoutDataIsNotDispatchedAndDoesNotLeakItsName() {
        assertThat(feed("event: change", "", "data: plain", ""))
                .containsExactly(new ServerSentEvent("message", "plain"));
    }

    @Test
    void ignoresIdRetryAndUnknownFields() {
        assertThat(feed("id: 7", "retry: 1000", "colour: blue", "data: x", ""))
                .containsExactly(new ServerSentEvent("message", "x"));
    }
}
