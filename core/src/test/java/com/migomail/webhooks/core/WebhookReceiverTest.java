package com.migomail.webhooks.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.migomail.webhooks.signing.SigningKey;
import com.migomail.webhooks.signing.SigningKeyPair;
import com.migomail.webhooks.signing.WebhookSecret;
import com.migomail.webhooks.signing.WebhookSigner;
import com.migomail.webhooks.signing.WebhookVerificationException;
import com.migomail.webhooks.signing.WebhookVerificationException.Reason;
import com.migomail.webhooks.signing.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The receiver facade over the real signer and verifier of the signing module. */
class WebhookReceiverTest {
    private static final Instant NOW = Instant.parse("2025-01-15T14:22:40Z");
    private static final WebhookSecret SECRET = WebhookSecret.generate();
    private static final WebhookReceiver RECEIVER = WebhookReceiver.create(WebhookVerifier.builder()
            .key(SECRET)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build());

    private static final WebhookEvent EVENT = Events.event(Events.sample(EventType.EMAIL_OPENED));
    private static final byte[] BODY = EventCodec.write(EVENT);

    @Test
    void returnsTheEventOfAVerifiedRequest() {
        assertThat(RECEIVER.receive(signed(BODY, SECRET), BODY)).isEqualTo(EVENT);
    }

    @Test
    void acceptsTheBodyAsAString() {
        String body = new String(BODY, StandardCharsets.UTF_8);

        assertThat(RECEIVER.receive(signed(BODY, SECRET), body)).isEqualTo(EVENT);
    }

    @Test
    void acceptsHeaderNamesInAnyCase() {
        Map<String, List<String>> upper = new LinkedHashMap<>();
        signed(BODY, SECRET).forEach((name, values) -> upper.put(name.toUpperCase(Locale.ROOT), values));

        assertThat(RECEIVER.receive(upper, BODY)).isEqualTo(EVENT);
    }

    @Test
    void returnsAnEventOfUnknownTypeOnceVerified() {
        byte[] body = ("{\"event\":\"list.archived\",\"timestamp\":\"2025-01-15T14:22:31Z\",\"id\":\"" + Events.ID
                + "\",\"data\":{\"list_id\":\"lst_1\"}}").getBytes(StandardCharsets.UTF_8);

        WebhookEvent event = RECEIVER.receive(signed(body, SECRET), body);

        assertThat(event.data()).isEqualTo(new UnknownEventData("list.archived",
                JsonValue.object(Map.of("list_id", JsonValue.of("lst_1")))));
    }

    @Test
    void verifiesWithAPublicKeyOnly() {
        SigningKeyPair pair = SigningKeyPair.generate();
        WebhookReceiver receiver = WebhookReceiver.create(WebhookVerifier.builder()
                .key(pair.publicKey())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build());

        assertThat(receiver.receive(signed(BODY, pair), BODY)).isEqualTo(EVENT);
    }

    @Test
    void refusesAnotherSecretsSignature() {
        assertThatThrownBy(() -> RECEIVER.receive(signed(BODY, WebhookSecret.generate()), BODY))
                .isInstanceOfSatisfying(WebhookVerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NO_MATCHING_SIGNATURE));
    }

    @Test
    void refusesATamperedBody() {
        byte[] tampered = EventCodec.write(Events.event(Events.sample(EventType.EMAIL_CLICKED)));

        assertThatThrownBy(() -> RECEIVER.receive(signed(BODY, SECRET), tampered))
                .isInstanceOfSatisfying(WebhookVerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NO_MATCHING_SIGNATURE));
    }

    @Test
    void verifiesBeforeParsingSoAnUnsignedMalformedBodyIsAVerificationFailure() {
        byte[] garbage = "not json at all".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> RECEIVER.receive(Map.of(), garbage))
                .isInstanceOfSatisfying(WebhookVerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_HEADER));
        assertThatThrownBy(() -> RECEIVER.receive(signed(BODY, WebhookSecret.generate()), garbage))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void reportsAMalformedButVerifiedBodyAsAFormatError() {
        byte[] body = "{\"event\":\"email.sent\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> RECEIVER.receive(signed(body, SECRET), body))
                .isInstanceOf(EventFormatException.class)
                .hasMessage("timestamp: required field is missing");
    }

    @Test
    void rejectsNulls() {
        assertThatThrownBy(() -> WebhookReceiver.create(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("verifier cannot be null");
        assertThatThrownBy(() -> RECEIVER.receive(Map.of(), (byte[]) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("body cannot be null");
        assertThatThrownBy(() -> RECEIVER.receive(null, BODY)).isInstanceOf(NullPointerException.class)
                .hasMessage("headers cannot be null");
    }

    private static Map<String, List<String>> signed(byte[] body, SigningKey key) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        WebhookSigner.create().sign(Events.ID, NOW.getEpochSecond() - 5, body, List.of(key)).asMap()
                .forEach((name, value) -> headers.put(name, List.of(value)));
        headers.put("Content-Type", List.of("application/json"));
        return headers;
    }
}
