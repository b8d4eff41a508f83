package com.migomail.webhooks.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JsonValueTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "12", "-1.50", "1e3", "1E+3", "2.5e-10", "123456789012345678901234567890"})
    void acceptsJsonNumberText(String text) {
        assertThat(new JsonValue.JsonNumber(text).bigDecimalValue()).isEqualByComparingTo(new BigDecimal(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "01", "1.", ".5", "+1", "1e", "1e+", "NaN", "Infinity", "0x10", " 1", "1 "})
    void rejectsTextThatIsNoJsonNumber(String text) {
        assertThatThrownBy(() -> new JsonValue.JsonNumber(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("text is not a JSON number: \"" + text + "\"");
    }

    @Test
    void objectsKeepOrderAndAreUnmodifiable() {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        members.put("b", JsonValue.of(1));
        members.put("a", JsonValue.of(new BigDecimal("2.0")));
        JsonValue.JsonObject object = JsonValue.object(members);
        members.clear();

        assertThat(object.members().keySet()).containsExactly("b", "a");
        assertThat(object.get("a")).contains(new JsonValue.JsonNumber("2.0"));
        assertThat(object.get("c")).isEmpty();
        assertThatThrownBy(() -> object.members().put("c", JsonValue.nullValue()))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsNullMembers() {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        members.put("a", null);

        assertThatThrownBy(() -> JsonValue.object(members)).isInstanceOf(NullPointerException.class)
                .hasMessage("members value cannot be null");
    }

    @Test
    void nullAndBooleansAreValues() {
        assertThat(JsonValue.nullValue()).isEqualTo(new JsonValue.JsonNull());
        assertThat(JsonValue.of(true)).isEqualTo(JsonValue.JsonBoolean.TRUE);
    }
}
