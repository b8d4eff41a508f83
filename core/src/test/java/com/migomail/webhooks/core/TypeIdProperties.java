package com.migomail.webhooks.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class TypeIdProperties {

    @Property(tries = 500)
    void parsingTheTextGivesTheSameId(@ForAll("uuids") UUID uuid) {
        TypeId id = new TypeId("evt", uuid);

        assertThat(TypeId.parse(id.toString())).isEqualTo(id);
        assertThat(id.toString()).matches("evt_[0-7][0-9abcdefghjkmnpqrstvwxyz]{25}");
    }

    @Property(tries = 500)
    void textOrderIsIdOrder(@ForAll("uuids") UUID a, @ForAll("uuids") UUID b) {
        TypeId first = new TypeId("evt", a);
        TypeId second = new TypeId("evt", b);

        assertThat(Integer.signum(first.toString().compareTo(second.toString())))
                .isEqualTo(Integer.signum(first.compareTo(second)));
    }

    @Provide
    Arbitrary<UUID> uuids() {
        return Arbitraries.longs().tuple2().map(t -> new UUID(t.get1(), t.get2()));
    }
}
