package com.migomail.webhooks.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TypeIdTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-15T14:22:31.123Z"), ZoneOffset.UTC);

    @ParameterizedTest
    @CsvSource({
        // Vectors of the TypeID spec (jetify-com/typeid, spec/valid.yml).
        "00000000000000000000000000, 00000000-0000-0000-0000-000000000000",
        "00000000000000000000000001, 00000000-0000-0000-0000-000000000001",
        "0000000000000000000000000a, 00000000-0000-0000-0000-00000000000a",
        "0000000000000000000000000z, 00000000-0000-0000-0000-00000000001f",
        "00000000000000000000000010, 00000000-0000-0000-0000-000000000020",
        "7zzzzzzzzzzzzzzzzzzzzzzzzz, ffffffff-ffff-ffff-ffff-ffffffffffff",
        "01h455vb4pex5vsknk084sn02q, 01890a5d-ac96-774b-bcce-b302099a8057"
    })
    void encodesTheSpecVectors(String suffix, String uuid) {
        TypeId id = new TypeId("prefix", UUID.fromString(uuid));

        assertThat(id.toString()).isEqualTo("prefix_" + suffix);
        assertThat(TypeId.parse("prefix_" + suffix)).isEqualTo(id);
    }

    @Test
    void generatesPrefixUnderscoreAnd26LowercaseCrockfordCharacters() {
        String id = TypeId.generate("evt", CLOCK).toString();

        assertThat(id).matches("evt_[0-7][0-9abcdefghjkmnpqrstvwxyz]{25}");
        assertThat(TypeId.isValid(id)).isTrue();
        assertThat(TypeId.isValid(id, "evt")).isTrue();
        assertThat(TypeId.isValid(id, "msg")).isFalse();
    }

    @Test
    void generatesAUuidV7CarryingTheClockTime() {
        TypeId id = TypeId.generate("msg", CLOCK);

        assertThat(id.uuid().version()).isEqualTo(7);
        assertThat(id.uuid().variant()).isEqualTo(2);
        assertThat(id.timestamp()).isEqualTo(Instant.parse("2025-01-15T14:22:31.123Z"));
    }

    @Test
    void idsOfTheSameMillisecondSortInCreationOrder() {
        List<TypeId> created = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            created.add(TypeId.generate("evt", CLOCK));
        }
        List<TypeId> shuffled = new ArrayList<>(created);
        Collections.shuffle(shuffled);

        assertThat(shuffled.stream().sorted().collect(Collectors.toList())).isEqualTo(created);
        assertThat(shuffled.stream().map(TypeId::toString).sorted().collect(Collectors.toList()))
                .isEqualTo(created.stream().map(TypeId::toString).collect(Collectors.toList()));
        assertThat(created).doesNotHaveDuplicates();
        assertThat(created).allSatisfy(id -> assertThat(id.timestamp()).isEqualTo(CLOCK.instant()));
    }

    @Test
    void idsSortByTimeAcrossMilliseconds() {
        TypeId later = TypeId.generate("evt", Clock.offset(CLOCK, Duration.ofMillis(1)));
        TypeId earlier = TypeId.generate("evt", Clock.offset(CLOCK, Duration.ofDays(-400)));

        assertThat(earlier).isLessThan(later);
        assertThat(earlier.toString()).isLessThan(later.toString());
    }

    @Test
    void comparesUuidsUnsignedLikeTheirText() {
        TypeId low = new TypeId("evt", UUID.fromString("7fffffff-ffff-7fff-bfff-ffffffffffff"));
        TypeId high = new TypeId("evt", UUID.fromString("80000000-0000-7000-8000-000000000000"));

        assertThat(low).isLessThan(high);
        assertThat(low.toString()).isLessThan(high.toString());
    }

    @Test
    void parsesAPrefixWithUnderscoresAtTheLastSeparator() {
        TypeId id = TypeId.parse("my_type_00000000000000000000000001");

        assertThat(id.prefix()).isEqualTo("my_type");
        assertThat(id.suffix()).isEqualTo("00000000000000000000000001");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "evt01jhn8wygrfgz8ybavd8e9w3t2|TypeID has no prefix_ separator: \"evt01jhn8wygrfgz8ybavd8e9w3t2\"",
        "_01jhn8wygrfgz8ybavd8e9w3t2|TypeID prefix must be 1 to 63 characters of a-z and _, starting and ending with a letter: \"_01jhn8wygrfgz8ybavd8e9w3t2\"",
        "Evt_01jhn8wygrfgz8ybavd8e9w3t2|TypeID prefix must be 1 to 63 characters of a-z and _, starting and ending with a letter: \"Evt_01jhn8wygrfgz8ybavd8e9w3t2\"",
        "evt__01jhn8wygrfgz8ybavd8e9w3t2|TypeID prefix must be 1 to 63 characters of a-z and _, starting and ending with a letter: \"evt__01jhn8wygrfgz8ybavd8e9w3t2\"",
        "evt_01jhn8wygrfgz8ybavd8e9w3t|TypeID suffix must be 26 lowercase Crockford base32 characters, the first 0-7: \"evt_01jhn8wygrfgz8ybavd8e9w3t\"",
        "evt_01jhn8wygrfgz8ybavd8e9w3t22|TypeID suffix must be 26 lowercase Crockford base32 characters, the first 0-7: \"evt_01jhn8wygrfgz8ybavd8e9w3t22\"",
        "evt_81jhn8wygrfgz8ybavd8e9w3t2|TypeID suffix must be 26 lowercase Crockford base32 characters, the first 0-7: \"evt_81jhn8wygrfgz8ybavd8e9w3t2\"",
        "evt_01JHN8WYGRFGZ8YBAVD8E9W3T2|TypeID suffix must be 26 lowercase Crockford base32 characters, the first 0-7: \"evt_01JHN8WYGRFGZ8YBAVD8E9W3T2\"",
        "evt_01jhn8wygrfgz8ybavd8e9w3tu|TypeID suffix must be 26 lowercase Crockford base32 characters, the first 0-7: \"evt_01jhn8wygrfgz8ybavd8e9w3tu\"",
        "evt_01jhn8wygrfgz8ybavd8e9w3tl|TypeID suffix must be 26 lowercase Crockford base32 characters, the first 0-7: \"evt_01jhn8wygrfgz8ybavd8e9w3tl\""
    })
    void rejectsMalformedTextWithTheReason(String text, String message) {
        assertThatThrownBy(() -> TypeId.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
        assertThat(TypeId.isValid(text)).isFalse();
    }

    @Test
    void rejectsAnotherPrefixThanExpected() {
        assertThatThrownBy(() -> TypeId.parse("msg_01jhn8wygrfgz8ybavd8e9w3t2", "evt"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TypeID must have prefix evt, got \"msg_01jhn8wygrfgz8ybavd8e9w3t2\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "EVT", "ev-t", "evt_", "_evt", "e1"})
    void rejectsInvalidPrefixesOnGenerate(String prefix) {
        assertThatThrownBy(() -> TypeId.generate(prefix, CLOCK)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("prefix must be 1 to 63 characters of a-z and _");
    }

    @Test
    void rejectsAPrefixLongerThan63Characters() {
        assertThat(TypeId.generate("a".repeat(63), CLOCK).prefix()).hasSize(63);
        assertThatThrownBy(() -> TypeId.generate("a".repeat(64), CLOCK)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsATimeBefore1970() {
        Clock before = Clock.fixed(Instant.parse("1969-12-31T23:59:59Z"), ZoneOffset.UTC);

        assertThatThrownBy(() -> TypeId.generate("evt", before)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("time out of UUIDv7 range: -1000 ms");
    }

    @Test
    void hasNoTimeWhenTheUuidIsNotVersion7() {
        TypeId v4 = new TypeId("evt", UUID.fromString("2f1d3c4b-5a69-4788-9a7b-6c5d4e3f2a1b"));

        assertThatThrownBy(v4::timestamp).isInstanceOf(IllegalStateException.class)
                .hasMessage("TypeID " + v4 + " holds a version 4 UUID, which carries no time");
    }

    @Test
    void rejectsNulls() {
        assertThatThrownBy(() -> TypeId.parse(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("text cannot be null");
        assertThatThrownBy(() -> new TypeId("evt", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("uuid cannot be null");
        assertThat(TypeId.isValid(null)).isFalse();
    }
}
