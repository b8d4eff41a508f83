package com.migomail.webhooks.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.migomail.webhooks.testing.Cases;
import com.migomail.webhooks.testing.Generator;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(Cases.class)
class TypeIdProperties {
    private static final int TRIES = 500;

    @ParameterizedTest
    @MethodSource("uuids")
    void parsingTheTextGivesTheSameId(UUID uuid) {
        TypeId id = new TypeId("evt", uuid);

        assertThat(TypeId.parse(id.toString())).isEqualTo(id);
        assertThat(id.toString()).matches("evt_[0-7][0-9abcdefghjkmnpqrstvwxyz]{25}");
    }

    @ParameterizedTest
    @MethodSource("pairsOfUuids")
    void textOrderIsIdOrder(UUID a, UUID b) {
        TypeId first = new TypeId("evt", a);
        TypeId second = new TypeId("evt", b);

        assertThat(Integer.signum(first.toString().compareTo(second.toString())))
                .isEqualTo(Integer.signum(first.compareTo(second)));
    }

    static Stream<Arguments> uuids() {
        return Cases.generate(TRIES, random -> arguments(uuid(random)));
    }

    static Stream<Arguments> pairsOfUuids() {
        return Cases.generate(TRIES, random -> arguments(uuid(random), uuid(random)));
    }

    private static UUID uuid(Generator random) {
        return new UUID(random.anyLong(), random.anyLong());
    }
}
