package com.migomail.webhooks.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.migomail.webhooks.WebhookException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class StoreExceptionTest {

    @Test
    void aStoreFailureIsAWebhookExceptionWithItsCause() {
        IOException cause = new IOException("connection refused");

        assertThat(new StoreException("append failed", cause)).isInstanceOf(WebhookException.class)
                .hasMessage("append failed").hasCause(cause);
    }

    @Test
    void notFoundIsAStoreFailureNamingTheKindAndTheId() {
        NotFoundException e = new NotFoundException("endpoint", "ep_01j8x4k7q3c9v2m5n8p0r6s1td");

        assertThat(e).isInstanceOf(StoreException.class).hasMessage("endpoint not found: ep_01j8x4k7q3c9v2m5n8p0r6s1td");
        assertThat(e.kind()).isEqualTo("endpoint");
        assertThat(e.id()).isEqualTo("ep_01j8x4k7q3c9v2m5n8p0r6s1td");
    }

    @Test
    void aVersionConflictIsAStoreFailureNamingTheEndpointAndBothVersions() {
        EndpointVersionConflictException e = new EndpointVersionConflictException("ep_1", 3, 5);

        assertThat(e).isInstanceOf(StoreException.class).hasMessage("endpoint ep_1 changed since it was read: the"
                + " write was made from version 3, the store holds version 5; nothing was written");
        assertThat(e.endpointId()).isEqualTo("ep_1");
        assertThat(e.expectedVersion()).isEqualTo(3);
        assertThat(e.storedVersion()).isEqualTo(5);
    }
}
