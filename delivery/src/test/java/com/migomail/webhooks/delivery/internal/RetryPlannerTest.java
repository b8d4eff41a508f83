package com.migomail.webhooks.delivery.internal;

import static com.migomail.webhooks.delivery.TestTenants.TENANT;

import static org.assertj.core.api.Assertions.assertThat;

import com.migomail.webhooks.delivery.RetrySchedule;
import com.migomail.webhooks.delivery.internal.RetryPlanner.Plan;
import com.migomail.webhooks.store.Delivery;
import com.migomail.webhooks.store.DeliveryAttempt;
import com.migomail.webhooks.store.DeliveryOutcome;
import com.migomail.webhooks.store.DeliveryStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class RetryPlannerTest {
    private static final Instant DUE = Instant.parse("2026-01-15T14:22:31Z");
    private static final Instant NOW = DUE.plusSeconds(2);

    private final RetryPlanner planner = new RetryPlanner(RetrySchedule.defaults(), Duration.ofHours(24), true);

    @Test
    void a2xxDelivers() {
        assertThat(planner.plan(first(), response(204), null, NOW))
                .isEqualTo(new Plan(DeliveryOutcome.delivered(), false));
    }

    @Test
    void aFailedStatusIsDueAgainAfterTheFirstGapFromItsDueTime() {
        assertThat(planner.plan(first(), response(500), null, NOW))
                .isEqualTo(retryAt(DUE.plus(Duration.ofMinutes(1))));
    }

    @Test
    void aRedirectIsAFailure() {
        assertThat(planner.plan(first(), response(301), null, NOW))
                .isEqualTo(retryAt(DUE.plus(Duration.ofMinutes(1))));
    }

    @Test
    void anErrorWithoutResponseIsDueAgainLikeAFailedStatus() {
        assertThat(planner.plan(first(), error(), null, NOW))
                .isEqualTo(retryAt(DUE.plus(Duration.ofMinutes(1))));
    }

    @Test
    void laterRetriesKeepTheirOffsetsFromTheFirstAttempt() {
        Instant secondDue = DUE.plus(Duration.ofMinutes(1));
        Instant thirdDue = DUE.plus(Duration.ofMinutes(5));

        assertThat(planner.plan(claimed(1, secondDue), response(500), null, secondDue.plusSeconds(3)))
                .isEqualTo(retryAt(DUE.plus(Duration.ofMinutes(5))));
        assertThat(planner.plan(claimed(2, thirdDue), response(500), null, thirdDue.plusSeconds(3)))
                .isEqualTo(retryAt(DUE.plus(Duration.ofMinutes(30))));
    }

    @Test
    void aSlowAttemptDoesNotPushTheNextOneLater() {
        assertThat(planner.plan(first(), response(500), null, DUE.plusSeconds(20)))
                .isEqualTo(retryAt(DUE.plus(Duration.ofMinutes(1))));
    }

    @Test
    void aRetryThatWouldAlreadyBeDueCountsFromNow() {
        Instant afterOutage = DUE.plus(Duration.ofHours(2));

        assertThat(planner.plan(first(), response(500), null, afterOutage))
                .isEqualTo(retryAt(afterOutage.plus(Duration.ofMinutes(1))));
    }

    @Test
    void aRetryAnchoredExactlyNowCountsFromNow() {
        Instant anchored = DUE.plus(Duration.ofMinutes(1));

        assertThat(planner.plan(first(), response(500), null, anchored))
                .isEqualTo(retryAt(anchored.plus(Duration.ofMinutes(1))));
    }

    @Test
    void failsWhenTheScheduleHasNoGapLeft() {
        assertThat(planner.plan(claimed(3, DUE), response(500), null, NOW))
                .isEqualTo(new Plan(DeliveryOutcome.failed(), false));
        assertThat(new RetryPlanner(RetrySchedule.none(), Duration.ofHours(24), true).plan(first(), error(), null, NOW))
                .isEqualTo(new Plan(DeliveryOutcome.failed(), false));
    }

    @Test
    void aRetryAfterDoesNotKeepAnExhaustedDeliveryAlive() {
        assertThat(planner.plan(claimed(3, DUE), response(429), "600", NOW))
                .isEqualTo(new Plan(DeliveryOutcome.failed(), false));
    }

    @Test
    void goneFailsTheDeliveryAndDisablesTheEndpoint() {
        assertThat(planner.plan(first(), response(410), null, NOW))
                .isEqualTo(new Plan(DeliveryOutcome.failed(), true));
    }

    @Test
    void goneIsAnOrdinaryFailureWhenDisablingIsOff() {
        RetryPlanner keepOnGone = new RetryPlanner(RetrySchedule.defaults(), Duration.ofHours(24), false);

        assertThat(keepOnGone.plan(first(), response(410), null, NOW))
                .isEqualTo(retryAt(DUE.plus(Duration.ofMinutes(1))));
    }

    @Test
    void retryAfterDelaySecondsOnATooManyRequestsDelaysTheRetry() {
        assertThat(planner.plan(first(), response(429), "600", NOW))
                .isEqualTo(retryAt(NOW.plus(Duration.ofMinutes(10))));
    }

    @Test
    void retryAfterHttpDateOnAnUnavailableDelaysTheRetry() {
        Instant asked = NOW.plus(Duration.ofMinutes(20));

        assertThat(planner.plan(first(), response(503), httpDate(asked), NOW)).isEqualTo(retryAt(asked));
    }

    @Test
    void retryAfterIsReadWithSurroundingWhitespace() {
        assertThat(planner.plan(first(), response(429), "  600 ", NOW))
                .isEqualTo(retryAt(NOW.plus(Duration.ofMinutes(10))));
    }

    @Test
    void retryAfterIsIgnoredOnOtherStatusesAndErrors() {
        assertThat(planner.plan(first(), response(500), "600", NOW))
                .isEqualTo(retryAt(DUE.plus(Duration.ofMinutes(1))));
        assertThat(planner.plan(first(), error(), "600", NOW))
                .isEqualTo(retryAt(DUE.plus(Duration.ofMinutes(1))));
    }

    @Test
    void aShortRetryAfterDoesNotBringTheScheduleForward() {
        assertThat(planner.plan(first(), response(429), "5", NOW))
                .isEqualTo(retryAt(DUE.plus(Duration.ofMinutes(1))));
        assertThat(planner.plan(first(), response(429), "0", NOW))
                .isEqualTo(retryAt(DUE.plus(Duration.ofMinutes(1))));
    }

    @Test
    void aRetryAfterDateInThePastIsIgnored() {
        assertThat(planner.plan(first(), response(503), httpDate(NOW.minus(Duration.ofHours(1))), NOW))
                .isEqualTo(retryAt(DUE.plus(Duration.ofMinutes(1))));
    }

    @Test
    void aNegativeRetryAfterIsIgnored() {
        assertThat(planner.plan(first(), response(429), "-600", NOW))
                .isEqualTo(retryAt(DUE.plus(Duration.ofMinutes(1))));
    }

    @Test
    void anUnreadableRetryAfterIsIgnored() {
        for (String value : new String[] {"", "   ", "soon", "600s", "1.5", "+600",
                "Sunday, 06-Nov-94 08:49:37 GMT", "2026-01-15T15:00:00Z"}) {
            assertThat(planner.plan(first(), response(429), value, NOW)).as(value)
                    .isEqualTo(retryAt(DUE.plus(Duration.ofMinutes(1))));
        }
    }

    @Test
    void aRetryAfterPastTheCapIsCutToTheCap() {
        assertThat(planner.plan(first(), response(503), "172800", NOW))
                .isEqualTo(retryAt(NOW.plus(Duration.ofHours(24))));
        assertThat(planner.plan(first(), response(503), httpDate(NOW.plus(Duration.ofDays(3))), NOW))
                .isEqualTo(retryAt(NOW.plus(Duration.ofHours(24))));
    }

    @Test
    void aRetryAfterJustAtTheCapIsKept() {
        assertThat(planner.plan(first(), response(503), "86400", NOW))
                .isEqualTo(retryAt(NOW.plus(Duration.ofHours(24))));
    }

    @Test
    void aHugeRetryAfterIsCutToTheCapWithoutOverflowing() {
        assertThat(planner.plan(first(), response(429), "99999999999999999999999999", NOW))
                .isEqualTo(retryAt(NOW.plus(Duration.ofHours(24))));
        assertThat(planner.plan(first(), response(429), String.valueOf(Long.MAX_VALUE), NOW))
                .isEqualTo(retryAt(NOW.plus(Duration.ofHours(24))));
        assertThat(planner.plan(first(), response(429), "999999999999", NOW))
                .isEqualTo(retryAt(NOW.plus(Duration.ofHours(24))));
    }

    @Test
    void aRetryAfterCutByTheCapNeverBringsTheScheduleForward() {
        RetryPlanner shortCap = new RetryPlanner(RetrySchedule.defaults(), Duration.ofSeconds(30), true);

        assertThat(shortCap.plan(first(), response(503), "3600", NOW))
                .isEqualTo(retryAt(DUE.plus(Duration.ofMinutes(1))));
    }

    @Test
    void aZeroCapIgnoresRetryAfter() {
        RetryPlanner noCap = new RetryPlanner(RetrySchedule.defaults(), Duration.ZERO, true);

        assertThat(noCap.plan(first(), response(429), "600", NOW))
                .isEqualTo(retryAt(DUE.plus(Duration.ofMinutes(1))));
    }

    @Test
    void aCapBetweenTheScheduleAndTheAskedTimeMovesTheRetryToTheCap() {
        RetryPlanner tenMinuteCap = new RetryPlanner(RetrySchedule.defaults(), Duration.ofMinutes(10), true);

        assertThat(tenMinuteCap.plan(first(), response(429), "3600", NOW))
                .isEqualTo(retryAt(NOW.plus(Duration.ofMinutes(10))));
    }

    @Test
    void retriesAfterARetryAfterKeepTheirGapsFromThatTime() {
        Instant askedFor = DUE.plus(Duration.ofMinutes(10));

        assertThat(planner.plan(claimed(1, askedFor), response(500), null, askedFor.plusSeconds(1)))
                .isEqualTo(retryAt(DUE.plus(Duration.ofMinutes(14))));
    }

    @Test
    void aReplayRoundRunsTheScheduleFromItsOwnStart() {
        Delivery replayed = new Delivery("dlv_1", TENANT, "evt_1", "ep_1", DeliveryStatus.PENDING, 0, DUE, true,
                "node", NOW, DUE.minus(Duration.ofDays(1)), DUE);

        assertThat(planner.plan(replayed, response(500), null, NOW))
                .isEqualTo(retryAt(DUE.plus(Duration.ofMinutes(1))));
    }

    private static Plan retryAt(Instant at) {
        return new Plan(DeliveryOutcome.retryAt(at), false);
    }

    private static Delivery first() {
        return claimed(0, DUE);
    }

    /** A delivery claimed for its next attempt, after {@code attemptCount} failed ones, due at {@code dueAt}. */
    private static Delivery claimed(int attemptCount, Instant dueAt) {
        return new Delivery("dlv_1", TENANT, "evt_1", "ep_1", DeliveryStatus.PENDING, attemptCount, dueAt, false,
                "node", dueAt.plus(Duration.ofMinutes(1)), DUE, dueAt);
    }

    private static DeliveryAttempt response(int status) {
        return new DeliveryAttempt("dlv_1", 1, NOW, Duration.ofMillis(5), status, null, null, "");
    }

    private static DeliveryAttempt error() {
        return new DeliveryAttempt("dlv_1", 1, NOW, Duration.ofMillis(5), null, "java.net.ConnectException",
                "Connection refused", null);
    }

    private static String httpDate(Instant at) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atOffset(ZoneOffset.UTC));
    }
}
