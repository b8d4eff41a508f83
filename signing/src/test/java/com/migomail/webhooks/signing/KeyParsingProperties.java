package com.migomail.webhooks.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.migomail.webhooks.testing.Cases;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every key parser is total: any string gives a key or an {@link InvalidKeyFormatException}, nothing else. */
@ExtendWith(Cases.class)
class KeyParsingProperties {
    private static final int TRIES = 2000;
    private static final List<String> PREFIXES = List.of("whsec_", "whsk_", "whpk_", "WHSEC_", "Whsk_", "", " ", "\n");
    private static final List<Function<String, ?>> PARSERS = List.of(WebhookSecret::parse,
            WebhookSecret::parseAllowingShortRawSecret, SigningKey::parse, SigningKey::parseAllowingShortRawSecret,
            VerificationKey::parse, SigningKeyPair::parse, WebhookPublicKey::parse);

    @ParameterizedTest
    @MethodSource("keyStrings")
    void anyStringParsesOrRaisesOnlyInvalidKeyFormatException(String encoded) {
        for (Function<String, ?> parser : PARSERS) {
            Throwable thrown = catchThrowable(() -> parser.apply(encoded));

            assertThat(thrown == null || thrown.getClass() == InvalidKeyFormatException.class).as("%s", thrown).isTrue();
        }
    }

    static Stream<Arguments> keyStrings() {
        return Cases.generate(TRIES, random -> arguments((Object) random.<String>oneOf(
                g -> g.anyString(80),
                g -> g.pick(PREFIXES) + Base64.getEncoder().encodeToString(g.bytes(70)) + g.pick("", " ", "=", "\r\n"),
                g -> g.pick(PREFIXES) + g.string(0, 100, "ABCxyz019+/=-_ \t"))));
    }
}
