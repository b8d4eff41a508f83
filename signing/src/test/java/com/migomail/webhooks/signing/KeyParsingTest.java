package com.migomail.webhooks.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeyParsingTest {

    @Test
    void signingKeyParseDispatchesOnThePrefix() {
        assertThat(SigningKey.parse(SigningKeyPairTest.SVIX_KEY_PAIR)).isInstanceOf(SigningKeyPair.class);
        assertThat(SigningKey.parse(TestRequest.SECRET.encoded())).isEqualTo(TestRequest.SECRET);
        assertThat(SigningKey.parse("a raw GitHub-style secret")).isEqualTo(WebhookSecret.parse("a raw GitHub-style secret"));
    }

    @Test
    void signingKeyParseRefusesAPublicKey() {
        assertThatThrownBy(() -> SigningKey.parse(SigningKeyPairTest.SVIX_PUBLIC_KEY))
                .isInstanceOf(InvalidKeyFormatException.class)
                .hasMessage("a whpk_ public key verifies but cannot sign; sign with the whsk_ key pair");
    }

    @Test
    void signingKeyParseAllowingShortRawSecretDispatchesTheSameWay() {
        assertThat(SigningKey.parseAllowingShortRawSecret(SigningKeyPairTest.SVIX_KEY_PAIR))
                .isEqualTo(SigningKey.parse(SigningKeyPairTest.SVIX_KEY_PAIR));
        assertThat(SigningKey.parseAllowingShortRawSecret(TestRequest.SECRET.encoded())).isEqualTo(TestRequest.SECRET);
        assertThat(SigningKey.parseAllowingShortRawSecret("hunter2"))
                .isEqualTo(WebhookSecret.parseAllowingShortRawSecret("hunter2"));
        assertThatThrownBy(() -> SigningKey.parseAllowingShortRawSecret(SigningKeyPairTest.SVIX_PUBLIC_KEY))
                .isInstanceOf(InvalidKeyFormatException.class)
                .hasMessage("a whpk_ public key verifies but cannot sign; sign with the whsk_ key pair");
        assertThatThrownBy(() -> SigningKey.parseAllowingShortRawSecret("WHSEC_abc")).isInstanceOf(InvalidKeyFormatException.class);
    }

    @Test
    void everyParseRefusesShortRawSecretsAndNearMisses() {
        for (String refused : List.of("hunter2", "WHSEC_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                TestRequest.SECRET.encoded() + "\n", " " + SigningKeyPairTest.SVIX_PUBLIC_KEY)) {
            assertThatThrownBy(() -> SigningKey.parse(refused)).as(refused).isInstanceOf(InvalidKeyFormatException.class);
            assertThatThrownBy(() -> VerificationKey.parse(refused)).as(refused).isInstanceOf(InvalidKeyFormatException.class);
            assertThatThrownBy(() -> WebhookVerifier.builder().key(refused)).as(refused)
                    .isInstanceOf(InvalidKeyFormatException.class);
        }
    }

    @Test
    void verificationKeyParseDispatchesOnThePrefix() {
        assertThat(VerificationKey.parse(SigningKeyPairTest.SVIX_PUBLIC_KEY)).isInstanceOf(WebhookPublicKey.class);
        assertThat(VerificationKey.parse(TestRequest.SECRET.encoded())).isEqualTo(TestRequest.SECRET);
        assertThat(VerificationKey.parse("a raw GitHub-style secret")).isEqualTo(WebhookSecret.parse("a raw GitHub-style secret"));
    }

    @Test
    void verificationKeyParseRefusesAPrivateKeyPair() {
        assertThatThrownBy(() -> VerificationKey.parse(SigningKeyPairTest.SVIX_KEY_PAIR))
                .isInstanceOf(InvalidKeyFormatException.class)
                .hasMessage("a whsk_ key is the sender's private key pair; a receiver verifies with its whpk_ public key");
    }
}
