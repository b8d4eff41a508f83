package com.migomail.webhooks.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "acme", "Acme-Corp_2", "org:42", "eu.west.7", "0"})
    void acceptsTheHostsOwnIds(String value) {
        assertThat(TenantId.of(value).value()).isEqualTo(value);
        assertThat(TenantId.of(value)).hasToString(value).isEqualTo(new TenantId(value));
    }

    @Test
    void acceptsSixtyFourCharactersAndNoMore() {
        assertThat(TenantId.of("x".repeat(64)).value()).hasSize(64);
        assertThatThrownBy(() -> TenantId.of("x".repeat(65)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tenant id is 65 characters long, at most 64 are allowed: \"xxxxxxxxxxxxxxxx…\"");
    }

    @Test
    void namesTheCharacterThatIsNotAllowedAndWhere() {
        assertThatThrownBy(() -> TenantId.of("acme corp"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tenant id \"acme corp\" has ' ' at index 4; only [A-Za-z0-9._:-] are allowed");
        assertThatThrownBy(() -> TenantId.of("acme/1"))
                .hasMessageContaining("'/' at index 4");
        assertThatThrownBy(() -> TenantId.of("ac\nme"))
                .hasMessage("tenant id \"ac\\u000ame\" has the character U+000A at index 2; only [A-Za-z0-9._:-] are allowed");
        assertThatThrownBy(() -> TenantId.of("café"))
                .hasMessageContaining("the character U+00E9 at index 3");
    }

    @Test
    void refusesEmptyAndNull() {
        assertThatThrownBy(() -> TenantId.of(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("tenant id cannot be empty");
        assertThatThrownBy(() -> TenantId.of(null))
                .isInstanceOf(NullPointerException.class).hasMessage("tenant id cannot be null");
    }

    @Test
    void comparesCaseSensitivelyByValue() {
        assertThat(TenantId.of("Acme")).isNotEqualTo(TenantId.of("acme"));
        assertThat(TenantId.of("a").compareTo(TenantId.of("b"))).isNegative();
    }
}
