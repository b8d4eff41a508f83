package com.migomail.webhooks.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointSecretTest {

    private static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");

    @Test
    void rotationCapsTheSecretsThatWouldOutliveTheOverlapAndAddsTheNewOneLast() {
        EndpointSecret forever = new EndpointSecret("whsec_1", T0, null);
        EndpointSecret late = new EndpointSecret("whsec_2", T0, T0.plusSeconds(500));
        EndpointSecret early = new EndpointSecret("whsec_3", T0, T0.plusSeconds(50));
        EndpointSecret next = new EndpointSecret("whsec_4", T0.plusSeconds(10), null);

        List<EndpointSecret> rotated = EndpointSecret.rotate(List.of(forever, late, early), next,
                T0.plusSeconds(100), T0.plusSeconds(10));

        assertThat(rotated).containsExactly(new EndpointSecret("whsec_1", T0, T0.plusSeconds(100)),
                new EndpointSecret("whsec_2", T0, T0.plusSeconds(100)), early, next);
    }

    @Test
    void rotationLeavesOutWhatIsNoLongerActiveAtNow() {
        EndpointSecret expired = new EndpointSecret("whsec_1", T0, T0.plusSeconds(10));
        EndpointSecret current = new EndpointSecret("whsec_2", T0, null);
        EndpointSecret next = new EndpointSecret("whsec_3", T0.plusSeconds(10), null);

        assertThat(EndpointSecret.rotate(List.of(expired, current), next, T0.plusSeconds(10), T0.plusSeconds(10)))
                .containsExactly(next);
    }

    @Test
    void rotationReturnsAnImmutableList() {
        List<EndpointSecret> rotated = EndpointSecret.rotate(List.of(), new EndpointSecret("whsec_1", T0, null), T0, T0);

        assertThatThrownBy(rotated::clear).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rotationRejectsNull() {
        EndpointSecret next = new EndpointSecret("whsec_1", T0, null);

        assertThatThrownBy(() -> EndpointSecret.rotate(List.of(), null, T0, T0))
                .isInstanceOf(NullPointerException.class).hasMessage("newSecret cannot be null");
        assertThatThrownBy(() -> EndpointSecret.rotate(List.of(), next, null, T0))
                .isInstanceOf(NullPointerException.class).hasMessage("oldExpireAt cannot be null");
        assertThatThrownBy(() -> EndpointSecret.rotate(null, next, T0, T0)).isInstanceOf(NullPointerException.class);
    }
}
