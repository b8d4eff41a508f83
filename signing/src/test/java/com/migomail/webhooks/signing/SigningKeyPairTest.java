package com.migomail.webhooks.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SigningKeyPairTest {
    /** Svix's server test key: seed ‖ public key. */
    static final String SVIX_KEY_PAIR =
            "whsk_6Xb/dCcHpPea21PS1N9VY/NZW723CEc77N4rJCubMbfVKIDij2HKpMKkioLlX0dRqSKJp4AJ6p9lMicMFs6Kvg==";
    static final String SVIX_PUBLIC_KEY = "whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4=";

    @Test
    void parsesSvixKeyPairAndDerivesItsPublicKey() {
        SigningKeyPair pair = SigningKeyPair.parse(SVIX_KEY_PAIR);

        assertThat(pair.encoded()).isEqualTo(SVIX_KEY_PAIR);
        assertThat(pair.publicKey().encoded()).isEqualTo(SVIX_PUBLIC_KEY);
    }

    @Test
    void generatedPairRoundTripsThroughItsEncodings() {
        SigningKeyPair pair = SigningKeyPair.generate();

        assertThat(pair.encoded()).startsWith("whsk_");
        assertThat(Base64.getDecoder().decode(pair.encoded().substring(5))).hasSize(64);
        assertThat(SigningKeyPair.parse(pair.encoded())).isEqualTo(pair);
        assertThat(WebhookPublicKey.parse(pair.publicKey().encoded())).isEqualTo(pair.publicKey());
        assertThat(pair).isNotEqualTo(SigningKeyPair.generate());
    }

    @Test
    void generatedPublicKeyHalfIsTheOneInTheEncoding() {
        for (int i = 0; i < 20; i++) {
            SigningKeyPair pair = SigningKeyPair.generate();
            byte[] all = Base64.getDecoder().decode(pair.encoded().substring(5));

            assertThat(Base64.getEncoder().encodeToString(Arrays.copyOfRange(all, 32, 64)))
                    .isEqualTo(pair.publicKey().encoded().substring(5));
        }
    }

    @Test
    void rejectsAPublicHalfOfAnotherSeed() {
        byte[] mine = Base64.getDecoder().decode(SVIX_KEY_PAIR.substring(5));
        byte[] other = Base64.getDecoder().decode(SigningKeyPair.generate().encoded().substring(5));
        System.arraycopy(other, 32, mine, 32, 32);

        assertThatThrownBy(() -> SigningKeyPair.parse("whsk_" + Base64.getEncoder().encodeToString(mine)))
                .isInstanceOf(InvalidKeyFormatException.class)
                .hasMessage("the whsk_ key's public half does not belong to its seed");
    }

    @Test
    void rejectsWrongLengthAndPrefix() {
        assertThatThrownBy(() -> SigningKeyPair.parse("whsk_" + Base64.getEncoder().encodeToString(new byte[32])))
                .isInstanceOf(InvalidKeyFormatException.class)
                .hasMessage("a whsk_ key is base64 of 64 bytes (seed and public key), not 32");
        assertThatThrownBy(() -> SigningKeyPair.parse(TestRequest.SECRET.encoded()))
                .isInstanceOf(InvalidKeyFormatException.class)
                .hasMessage("a signing key pair starts with whsk_");
    }

    @Test
    void printsOnlyThePublicKey() {
        assertThat(SigningKeyPair.parse(SVIX_KEY_PAIR))
                .hasToString("SigningKeyPair[whsk_***, public=" + SVIX_PUBLIC_KEY + "]");
    }

    @Test
    void publicKeyRejectsWrongLengthAndPrefix() {
        assertThatThrownBy(() -> WebhookPublicKey.parse("whpk_" + Base64.getEncoder().encodeToString(new byte[31])))
                .isInstanceOf(InvalidKeyFormatException.class)
                .hasMessage("a whpk_ key is base64 of 32 bytes, not 31");
        assertThatThrownBy(() -> WebhookPublicKey.parse(SVIX_KEY_PAIR))
                .isInstanceOf(InvalidKeyFormatException.class)
                .hasMessage("a public key starts with whpk_");
    }
}
