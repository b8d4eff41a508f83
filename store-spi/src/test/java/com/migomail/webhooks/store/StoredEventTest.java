package com.migomail.webhooks.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoredEventTest {
    private static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");
    private static final StoredEvent EVENT = new StoredEvent("evt_1", TenantId.of("t1"), "email.opened", T0, T0, "{}");
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void anEventBuiltWithoutATraceContextHasAnEmptyOne() {
        assertThat(EVENT.traceContext()).isEmpty();
        assertThat(new StoredEvent("evt_1", TenantId.of("t1"), "email.opened", T0, T0, "{}", "key").traceContext())
                .isEmpty();
    }

    @Test
    void theTraceContextIsCopied() {
        Map<String, String> context = new HashMap<>(Map.of("traceparent", TRACEPARENT));

        StoredEvent traced = EVENT.withTraceContext(context);
        context.put("tracestate", "a=b");

        assertThat(traced.traceContext()).containsExactly(Map.entry("traceparent", TRACEPARENT));
    }

    @Test
    void aTracestateOfTheW3cLimitIsKept() {
        String tracestate = "v=" + "x".repeat(StoredEvent.MAX_TRACE_CONTEXT_VALUE_LENGTH - 2);

        assertThat(EVENT.withTraceContext(Map.of("tracestate", tracestate)).traceContext())
                .containsEntry("tracestate", tracestate);
    }

    @Test
    void refusesAValueLongerThanTheW3cTracestateLimit() {
        String tracestate = "v=" + "x".repeat(StoredEvent.MAX_TRACE_CONTEXT_VALUE_LENGTH - 1);

        assertThatThrownBy(() -> EVENT.withTraceContext(Map.of("tracestate", tracestate)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("traceContext entry tracestate has a value that is not 1 to 512 printable ASCII characters");
    }

    @Test
    void refusesAnEmptyValueAndOneWithALineBreak() {
        assertThatThrownBy(() -> EVENT.withTraceContext(Map.of("traceparent", "")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EVENT.withTraceContext(Map.of("traceparent", "00-\r\nX-Injected: 1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesANameThatIsNotALowerCaseHeaderName() {
        for (String name : new String[] {"Traceparent", "", "trace parent", "-x", "x".repeat(65)}) {
            assertThatThrownBy(() -> EVENT.withTraceContext(Map.of(name, TRACEPARENT)))
                    .as(name)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("traceContext entry name is not a lower-case header name of at most 64 characters");
        }
    }

    @Test
    void refusesMoreThanFourEntries() {
        Map<String, String> context = Map.of("a", "1", "b", "2", "c", "3", "d", "4", "e", "5");

        assertThatThrownBy(() -> EVENT.withTraceContext(context))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("traceContext cannot have more than 4 entries: 5");
    }

    @Test
    void refusesANullTraceContext() {
        assertThatThrownBy(() -> EVENT.withTraceContext(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("traceContext cannot be null");
    }
}
