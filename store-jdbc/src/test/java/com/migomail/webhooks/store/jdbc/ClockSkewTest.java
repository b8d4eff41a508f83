package com.migomail.webhooks.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.migomail.webhooks.delivery.DeliveryListener;
import com.migomail.webhooks.delivery.WebhookSender;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sender compares its clock with the PostgreSQL server's when it starts and as it polls, and
 * reports a disagreement that eats into the lease margin; on H2 (one process) there is nothing to
 * compare.
 */
class ClockSkewTest {
    private static final JdbcWebhookStore POSTGRES = Fixtures.postgresStore();

    @TempDir
    Path dir;

    /** A skew the listener heard, with the margin it was judged against. */
    private record Report(Duration skew, Duration margin) {}

    @Test
    void aSenderWhoseClockIsAheadOfTheDatabaseReportsItAtStart() {
        List<Report> reports = new CopyOnWriteArrayList<>();
        Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(20));

        try (WebhookSender sender = sender(POSTGRES, ahead, reports)) {
            sender.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> !reports.isEmpty());
        }

        Report report = reports.get(0);
        assertThat(report.margin()).isEqualTo(Duration.ofSeconds(30));
        assertThat(report.skew()).isBetween(Duration.ofSeconds(-21), Duration.ofSeconds(-19));
    }

    @Test
    void aSenderWhoseClockAgreesWithTheDatabaseReportsNothing() {
        List<Report> reports = new CopyOnWriteArrayList<>();
        List<Instant> polled = new CopyOnWriteArrayList<>();
        Clock counting = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                Instant now = Instant.now();
                polled.add(now);
                return now;
            }
        };

        try (WebhookSender sender = sender(POSTGRES, counting, reports)) {
            sender.start();
            // Several polls (every 50 ms), each of which may compare the clocks.
            await().atMost(Duration.ofSeconds(10)).until(() -> polled.size() > 20);
        }

        assertThat(reports).isEmpty();
    }

    @Test
    void anH2StoreHasNoSharedClockToCompareWith() {
        try (JdbcWebhookStore h2 = Fixtures.h2File(dir.resolve("webhooks"))) {
            assertThat(h2.sharedClockTime()).isEmpty();
        }
        assertThat(POSTGRES.sharedClockTime()).hasValueSatisfying(
                time -> assertThat(Duration.between(Instant.now(), time).abs()).isLessThan(Duration.ofSeconds(5)));
    }

    private static WebhookSender sender(JdbcWebhookStore store, Clock clock, List<Report> reports) {
        return WebhookSender.builder().store(store).clock(clock).pollInterval(Duration.ofMillis(50))
                .attemptTimeout(Duration.ofSeconds(10)).leaseDuration(Duration.ofSeconds(40))
                .listener(new DeliveryListener() {
                    @Override
                    public void onClockSkew(Duration skew, Duration margin) {
                        reports.add(new Report(skew, margin));
                    }
                })
                .build();
    }
}
