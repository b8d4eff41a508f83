package com.migomail.webhooks.transport.apache;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ApacheHttpTransportBuilderTest {

    @Test
    void rejectsANullOrNonPositiveConnectTimeout() {
        assertThatThrownBy(() -> ApacheHttpTransport.builder().connectTimeout(null))
                .isInstanceOf(NullPointerException.class).hasMessage("connectTimeout cannot be null");
        assertThatThrownBy(() -> ApacheHttpTransport.builder().connectTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("connectTimeout must be positive: PT0S");
        assertThatThrownBy(() -> ApacheHttpTransport.builder().connectTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("connectTimeout must be positive: PT-1S");
    }

    @Test
    void rejectsConnectionLimitsBelowOne() {
        assertThatThrownBy(() -> ApacheHttpTransport.builder().maxConnections(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxConnections must be at least 1: 0");
        assertThatThrownBy(() -> ApacheHttpTransport.builder().maxConnectionsPerRoute(-2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxConnectionsPerRoute must be at least 1: -2");
    }

    @Test
    void rejectsAPerRouteLimitAboveTheTotal() {
        assertThatThrownBy(() -> ApacheHttpTransport.builder().maxConnections(8).maxConnectionsPerRoute(9).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("maxConnectionsPerRoute (9) cannot exceed maxConnections (8)");
    }

    @Test
    void rejectsANullOrUnresolvedEgressProxy() {
        assertThatThrownBy(() -> ApacheHttpTransport.builder().egressProxy(null))
                .isInstanceOf(NullPointerException.class).hasMessage("egressProxy cannot be null");
        assertThatThrownBy(() -> ApacheHttpTransport.builder().egressProxy(InetSocketAddress.createUnresolved("egress.internal", 3128)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("egressProxy must be a resolved address: egress.internal/<unresolved>:3128");
    }

    @Test
    void rejectsANullSslContext() {
        assertThatThrownBy(() -> ApacheHttpTransport.builder().sslContext(null))
                .isInstanceOf(NullPointerException.class).hasMessage("sslContext cannot be null");
    }
}
