package com.migomail.webhooks.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeyParsingTest {

    @Test
    void signingKeyParseDispatchesOnThePrefix() {
        assertThat(SigningKey.parse(SigningKeyPairTest.SVIX_KEY_PAIR)).isInstanceOf(SigningKeyPair.class);
        assertThat(SigningKey.parse(TestRequest.SECRET.encoded())).isEqualTo(TestRequest.SECRET);
        assertThat(SigningKey.parse("raw secret")).isEqualTo(WebhookSecret.parse("raw secret"));
    }

    @Test
    void signingKeyParseRefusesAPublicKey() {
        assertThatThrownBy(() -> SigningKey.parse(SigningKeyPairTest.SVIX_PUBLIC_KEY))
                .isInstanceOf(InvalidKeyFormatException.class)
                .hasMessage("a whpk_ public key verifies but cannot sign; sign with the whsk_ key pair");
    }

    @Test
    void verificationKeyParseDispatchesOnThePrefix() {
        assertThat(VerificationKey.parse(SigningKeyPairTest.SVIX_PUBLIC_KEY)).isInstanceOf(WebhookPublicKey.class);
        assertThat(VerificationKey.parse(TestRequest.SECRET.encoded())).isEqualTo(TestRequest.SECRET);
        assertThat(VerificationKey.parse("raw secret")).isEqualTo(WebhookSecret.parse("raw secret"));
    }

    @Test
    void verificationKeyParseRefusesAPrivateKeyPair() {
        assertThatThrownBy(() -> VerificationKey.parse(SigningKeyPairTest.SVIX_KEY_PAIR))
                .isInstanceOf(InvalidKeyFormatException.class)
                .hasMessage("a whsk_ key is the sender's private key pair; a receiver verifies with its whpk_ public key");
    }
}
