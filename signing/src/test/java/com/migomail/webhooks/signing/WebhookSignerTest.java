package com.migomail.webhooks.signing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSignerTest {
    private static final WebhookSigner SIGNER = WebhookSigner.create();
    private static final String VECTOR_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long VECTOR_TIMESTAMP = 1614265330L;
    private static final byte[] VECTOR_BODY = "{\"test\": 2432232314}".getBytes(UTF_8);
    private static final String VECTOR_V1 = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static final String VECTOR_V1A =
            "v1a,hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw/enGzPCXe5BdqzCInXqYXFymVJaA7AZdpXwVLPo3mNl8EM+m7TBAg==";

    @Test
    void migomailSignatureMatchesGitHubsPublishedVector() {
        SignatureHeaders headers = SIGNER.sign("any", 1, "Hello, World!".getBytes(UTF_8),
                List.of(WebhookSecret.parse("It's a Secret to Everybody")));

        assertThat(headers.migomailSignature())
                .isEqualTo("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    }

    @Test
    void v1MatchesTheStandardWebhooksJavaVector() {
        SignatureHeaders headers = SIGNER.sign(VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_BODY, List.of(TestRequest.SECRET));

        assertThat(headers.webhookSignature()).isEqualTo(VECTOR_V1);
        assertThat(headers.webhookId()).isEqualTo(VECTOR_ID);
        assertThat(headers.webhookTimestamp()).isEqualTo("1614265330");
    }

    @Test
    void v1aMatchesSvixsServerVector() {
        SignatureHeaders headers = SIGNER.sign(VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_BODY,
                List.of(SigningKeyPair.parse(SigningKeyPairTest.SVIX_KEY_PAIR)));

        assertThat(headers.webhookSignature()).isEqualTo(VECTOR_V1A);
        assertThat(headers.migomailSignature()).isNull();
    }

    @Test
    void signsWithEveryKeyDuringARotationV1aLast() {
        WebhookSecret github = WebhookSecret.parse("It's a Secret to Everybody");
        SignatureHeaders headers = SIGNER.sign(VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_BODY,
                List.of(SigningKeyPair.parse(SigningKeyPairTest.SVIX_KEY_PAIR), TestRequest.SECRET, github));

        String githubV1 = SIGNER.sign(VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_BODY, List.of(github)).webhookSignature();
        assertThat(headers.webhookSignature()).isEqualTo(VECTOR_V1 + " " + githubV1 + " " + VECTOR_V1A);
        assertThat(headers.migomailSignature()).matches("sha256=[0-9a-f]{64} sha256=[0-9a-f]{64}");
    }

    @Test
    void asMapListsTheWireHeadersInWireOrder() {
        SignatureHeaders headers = new SignatureHeaders("sha256=ab", "evt_1", "17", "v1,x");

        assertThat(headers.asMap()).containsExactly(
                Map.entry("X-Migomail-Signature", "sha256=ab"),
                Map.entry("webhook-id", "evt_1"),
                Map.entry("webhook-timestamp", "17"),
                Map.entry("webhook-signature", "v1,x"));
    }

    @Test
    void asMapOmitsMigomailSignatureWithoutASymmetricKey() {
        assertThat(new SignatureHeaders(null, "evt_1", "17", "v1a,x").asMap())
                .containsOnlyKeys("webhook-id", "webhook-timestamp", "webhook-signature");
    }

    @Test
    void signsEmptyBodies() {
        SignatureHeaders headers = SIGNER.sign("evt_1", 0, new byte[0], List.of(TestRequest.SECRET));

        assertThat(headers.webhookSignature()).startsWith("v1,");
        assertThat(headers.webhookTimestamp()).isEqualTo("0");
    }

    @Test
    void isSafeToShareAcrossThreads() throws Exception {
        String expected = SIGNER.sign(VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_BODY, List.of(TestRequest.SECRET)).webhookSignature();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = pool.invokeAll(IntStream.range(0, 2000)
                    .mapToObj(i -> (java.util.concurrent.Callable<String>) () -> SIGNER.sign(VECTOR_ID, VECTOR_TIMESTAMP,
                            VECTOR_BODY, List.of(TestRequest.SECRET)).webhookSignature())
                    .toList());
            for (Future<String> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rejectsInvalidArguments() {
        List<WebhookSecret> keys = List.of(TestRequest.SECRET);
        assertThatThrownBy(() -> SIGNER.sign("", 1, new byte[0], keys))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("webhookId must be 1 to 256 characters of A-Z, a-z, 0-9, _ and - (a TypeID such as"
                        + " evt_01j8x4k7q3c9v2m5n8p0r6s1td or a Svix id such as msg_p5jXN8AQM9LWM0D4loKWxJek), not \"\"");
        assertThatThrownBy(() -> SIGNER.sign(" evt_1", 1, new byte[0], keys))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SIGNER.sign("evt\r\n1", 1, new byte[0], keys))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SIGNER.sign("evt_1", -1, new byte[0], keys))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timestampSeconds cannot be negative: -1");
        assertThatThrownBy(() -> SIGNER.sign("evt_1", 1, new byte[0], List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keys cannot be empty: an endpoint signs with at least one key");
        assertThatThrownBy(() -> SIGNER.sign("evt_1", 1, null, keys))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("body cannot be null");
        assertThatThrownBy(() -> SIGNER.sign(null, 1, new byte[0], keys))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("webhookId cannot be null");
    }

    @ParameterizedTest
    @ValueSource(strings = {"evt_01j8x4k7q3c9v2m5n8p0r6s1td", "msg_p5jXN8AQM9LWM0D4loKWxJek",
            "1f81eb52-5198-4599-803e-771906343485", "01J8X4K7Q3C9V2M5N8P0R6S1TD", "a"})
    void signsWithIdsOfTheIdAlphabet(String id) {
        SignatureHeaders headers = SIGNER.sign(id, 1, VECTOR_BODY, List.of(TestRequest.SECRET));

        assertThat(headers.webhookId()).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"evt.1", "{\"event\"", "evt 1", "evt\t1", "évt_1", "evt_1=", "evt/1", "evt:1", " evt_1",
            "evt_1\r\n"})
    void refusesAnIdOutsideTheIdAlphabet(String id) {
        assertThatThrownBy(() -> SIGNER.sign(id, 1, VECTOR_BODY, List.of(TestRequest.SECRET)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("webhookId must be 1 to 256 characters of A-Z, a-z, 0-9, _ and -");
    }

    @Test
    void refusesAnIdLongerThan256Characters() {
        assertThat(SIGNER.sign("a".repeat(256), 1, VECTOR_BODY, List.of(TestRequest.SECRET)).webhookId()).hasSize(256);
        assertThatThrownBy(() -> SIGNER.sign("a".repeat(257), 1, VECTOR_BODY, List.of(TestRequest.SECRET)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith(", not \"" + "a".repeat(40) + "...\"");
    }

    @Test
    void signatureHeadersRequireTheStandardValues() {
        assertThatThrownBy(() -> new SignatureHeaders("sha256=ab", null, "1", "v1,x"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("webhookId cannot be null");
    }
}
