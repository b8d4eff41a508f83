package com.migomail.webhooks.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code with…} methods of {@link Endpoint}. */
class EndpointTest {
    private static final TenantId TENANT = TenantId.of("t1");

    private static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(1);
    private static final List<EndpointSecret> SECRETS = List.of(new EndpointSecret("whsec_1", T0, null));
    private static final List<EndpointSecret> OTHER_SECRETS = List.of(new EndpointSecret("whsec_2", T1, null));
    private static final Endpoint ENDPOINT = new Endpoint("ep_1", TENANT, "https://a.example/hooks", List.of("*"), "a",
            Map.of("k", "v"), true, SECRETS, null, null, T0, T0, 7);

    @Test
    void eachEndpointCopyReplacesOneComponent() {
        assertThat(List.of(ENDPOINT.withUrl("https://b.example"), ENDPOINT.withEventTypes(List.of("email.*")),
                ENDPOINT.withDescription("b"), ENDPOINT.withMetadata(Map.of()), ENDPOINT.withEnabled(false),
                ENDPOINT.withSecrets(OTHER_SECRETS), ENDPOINT.withFailingSince(T1), ENDPOINT.withDisabledReason("why"),
                ENDPOINT.withCreatedAt(T1), ENDPOINT.withUpdatedAt(T1))).containsExactly(
                endpoint("https://b.example", List.of("*"), "a", Map.of("k", "v"), true, SECRETS, null, null, T0, T0),
                endpoint("https://a.example/hooks", List.of("email.*"), "a", Map.of("k", "v"), true, SECRETS, null,
                        null, T0, T0),
                endpoint("https://a.example/hooks", List.of("*"), "b", Map.of("k", "v"), true, SECRETS, null, null,
                        T0, T0),
                endpoint("https://a.example/hooks", List.of("*"), "a", Map.of(), true, SECRETS, null, null, T0, T0),
                endpoint("https://a.example/hooks", List.of("*"), "a", Map.of("k", "v"), false, SECRETS, null, null,
                        T0, T0),
                endpoint("https://a.example/hooks", List.of("*"), "a", Map.of("k", "v"), true, OTHER_SECRETS, null,
                        null, T0, T0),
                endpoint("https://a.example/hooks", List.of("*"), "a", Map.of("k", "v"), true, SECRETS, T1, null,
                        T0, T0),
                endpoint("https://a.example/hooks", List.of("*"), "a", Map.of("k", "v"), true, SECRETS, null, "why",
                        T0, T0),
                endpoint("https://a.example/hooks", List.of("*"), "a", Map.of("k", "v"), true, SECRETS, null, null,
                        T1, T0),
                endpoint("https://a.example/hooks", List.of("*"), "a", Map.of("k", "v"), true, SECRETS, null, null,
                        T0, T1));
    }

    @Test
    void aVersionCopyReplacesTheVersionOnly() {
        assertThat(ENDPOINT.withVersion(8)).isEqualTo(new Endpoint("ep_1", TENANT, "https://a.example/hooks",
                List.of("*"), "a", Map.of("k", "v"), true, SECRETS, null, null, T0, T0, 8));
    }

    @Test
    void anEndpointWithoutAVersionIsAtVersion0() {
        assertThat(new Endpoint("ep_1", TENANT, "https://a.example/hooks", List.of("*"), "a", Map.of("k", "v"), true,
                SECRETS, null, null, T0, T0)).isEqualTo(ENDPOINT.withVersion(0));
    }

    @Test
    void aNegativeVersionIsRefused() {
        assertThatThrownBy(() -> ENDPOINT.withVersion(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("version cannot be negative: -1");
    }

    @Test
    void aCopyIsValidatedAsTheConstructorValidates() {
        assertThatThrownBy(() -> ENDPOINT.withUrl(null))
                .isInstanceOf(NullPointerException.class).hasMessage("url cannot be null");
        assertThatThrownBy(() -> ENDPOINT.withEventTypes(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("eventTypes cannot be empty (use \"*\" for all types)");
    }

    private static Endpoint endpoint(String url, List<String> eventTypes, String description,
            Map<String, String> metadata, boolean enabled, List<EndpointSecret> secrets, Instant failingSince,
            String disabledReason, Instant createdAt, Instant updatedAt) {
        return new Endpoint("ep_1", TENANT, url, eventTypes, description, metadata, enabled, secrets, failingSince,
                disabledReason, createdAt, updatedAt, 7);
    }
}
