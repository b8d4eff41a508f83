package com.migomail.webhooks.benchmarks;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.migomail.webhooks.core.EventCodec;
import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.signing.SignatureHeaders;
import com.migomail.webhooks.signing.WebhookSecret;
import com.migomail.webhooks.signing.WebhookSigner;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * The job-queue peer of the delivery harness: the way a Java team would build webhook delivery on
 * PostgreSQL without this library, with db-scheduler. Each delivery is one one-time task whose data is
 * the event id and its encoded body (db-scheduler's default Java serialization); its execution signs
 * the body with the same {@link WebhookSigner} and POSTs it with a blocking {@link HttpClient#send},
 * HTTP/1.1 as the sender uses; a non-2xx answer or an I/O error throws, and the task's failure handler
 * (exponential backoff from 1 s, at most 8 retries) schedules it again.
 *
 * <p>Scheduling is one {@code INSERT} per event on its own connection, as db-scheduler's
 * {@code SchedulerClient} does outside a transaction. The table is db-scheduler's own PostgreSQL
 * definition. Not thread-safe to start or stop; {@link #publish} may be called from many threads.
 */
final class DbSchedulerPeer implements AutoCloseable {

    /** The PostgreSQL table db-scheduler documents for its 16.x line, with its three indexes. */
    private static final List<String> TABLE = List.of("""
            create table if not exists scheduled_tasks (
              task_name text not null,
              task_instance text not null,
              task_data bytea,
              execution_time timestamp with time zone not null,
              picked boolean not null,
              picked_by text,
              last_success timestamp with time zone,
              last_failure timestamp with time zone,
              consecutive_failures int,
              last_heartbeat timestamp with time zone,
              version bigint not null,
              priority smallint,
              primary key (task_name, task_instance))""",
            "create index if not exists execution_time_idx on scheduled_tasks (execution_time)",
            "create index if not exists last_heartbeat_idx on scheduled_tasks (last_heartbeat)",
            "create index if not exists priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc)");

    /**
     * One configuration of the peer: its polling strategy ({@code fetch}, db-scheduler's default
     * fetch-and-lock-on-execute at 0.5 and 3.0 of its threads, or {@code lock-and-fetch}, the
     * {@code SELECT … FOR UPDATE SKIP LOCKED} strategy it recommends for throughput, at 0.5 and 1.0),
     * its executor threads, and whether {@code enableImmediateExecution} is on.
     */
    record Setting(String polling, int threads, boolean immediate) {

        Setting {
            if (!polling.equals("fetch") && !polling.equals("lock-and-fetch")) {
                throw new IllegalArgumentException("peer polling must be fetch or lock-and-fetch, not " + polling);
            }
            if (threads < 1 || threads > 256) {
                throw new IllegalArgumentException("peer threads must be 1..256: " + threads);
            }
        }

        /** Parses {@code <polling>:<threads>[:immediate]}, e.g. {@code lock-and-fetch:32:immediate}. */
        static Setting parse(String text) {
            String[] parts = text.trim().split(":");
            if (parts.length < 2 || parts.length > 3 || (parts.length == 3 && !parts[2].equals("immediate"))) {
                throw new IllegalArgumentException("--peer-settings entries are <fetch|lock-and-fetch>:<threads>"
                        + "[:immediate], not " + text);
            }
            return new Setting(parts[0], Integer.parseInt(parts[1]), parts.length == 3);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s, %d threads%s", polling, threads, immediate ? ", immediate" : "");
        }
    }

    /** The data of one delivery task: what a job queue has to carry to send it. */
    record Delivery(String eventId, byte[] body) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private final Scheduler scheduler;
    private final OneTimeTask<Delivery> task;
    private final AtomicInteger failures;

    private DbSchedulerPeer(Scheduler scheduler, OneTimeTask<Delivery> task, AtomicInteger failures) {
        this.scheduler = scheduler;
        this.task = task;
        this.failures = failures;
    }

    /** Creates db-scheduler's table in the database if it is not there. */
    static void createTable(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : TABLE) {
                statement.execute(sql);
            }
        }
    }

    /**
     * Builds and starts a scheduler over the table, polling every {@code pollingInterval} besides what
     * its strategy triggers, delivering to {@code uri} signed with {@code secret}.
     */
    static DbSchedulerPeer start(DataSource dataSource, Setting setting, Duration pollingInterval, URI uri,
            WebhookSecret secret) {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        WebhookSigner signer = WebhookSigner.create();
        List<WebhookSecret> keys = List.of(secret);
        AtomicInteger failures = new AtomicInteger();
        OneTimeTask<Delivery> task = Tasks.oneTime("webhook-delivery", Delivery.class)
                .onFailure(new FailureHandler.MaxRetriesFailureHandler<>(8,
                        new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofSeconds(1))))
                .execute((instance, context) -> {
                    Delivery delivery = instance.getData();
                    SignatureHeaders signature = signer.sign(delivery.eventId(), Instant.now().getEpochSecond(),
                            delivery.body(), keys);
                    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json");
                    signature.asMap().forEach(request::header);
                    int status;
                    try {
                        status = client.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()))
                                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (IOException e) {
                        failures.incrementAndGet();
                        throw new UncheckedIOException(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while delivering " + delivery.eventId(), e);
                    }
                    if (status < 200 || status > 299) {
                        failures.incrementAndGet();
                        throw new IllegalStateException("endpoint answered " + status + " to " + delivery.eventId());
                    }
                });
        SchedulerBuilder builder = Scheduler.create(dataSource, task)
                .threads(setting.threads())
                .pollingInterval(pollingInterval)
                .shutdownMaxWait(Duration.ofSeconds(5));
        if (setting.polling().equals("lock-and-fetch")) {
            builder.pollUsingLockAndFetch(0.5, 1.0);
        } else {
            builder.pollUsingFetchAndLockOnExecute(0.5, 3.0);
        }
        if (setting.immediate()) {
            builder.enableImmediateExecution();
        }
        Scheduler scheduler = builder.build();
        scheduler.start();
        return new DbSchedulerPeer(scheduler, task, failures);
    }

    /** Schedules the delivery of {@code event} now: one task, inserted and committed before it returns. */
    void publish(WebhookEvent event) {
        scheduler.schedule(task.instance(event.id(), new Delivery(event.id(), EventCodec.write(event))), Instant.now());
    }

    /** Executions that failed (and were retried by the failure handler) so far. */
    int failures() {
        return failures.get();
    }

    @Override
    public void close() {
        scheduler.stop();
    }
}
