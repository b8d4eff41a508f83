package com.migomail.webhooks.micrometer;

import com.migomail.webhooks.delivery.DeliveryListener;
import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.micrometer.internal.BacklogGauge;
import com.migomail.webhooks.micrometer.internal.MetricsListener;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Micrometer metrics for a {@link WebhookSender}: give {@link #listener()} to the sender's builder,
 * then {@link #bindBacklog bind} the backlog gauge to the built sender.
 *
 * <pre>{@code
 * WebhookMetrics metrics = WebhookMetrics.builder(registry).build();
 * WebhookSender sender = WebhookSender.builder().store(store).listener(metrics.listener()).build();
 * metrics.bindBacklog(sender);
 * }</pre>
 *
 * <p>The meters, in Micrometer's naming (each registry renders them its own way, Prometheus as
 * {@code webhooks_attempts_seconds_count} and so on):
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>what it measures</th></tr>
 *   <tr><td>{@code webhooks.published}</td><td>counter</td><td>{@code type}</td>
 *       <td>events newly stored (publish, sendTest, an outbox append), by event type</td></tr>
 *   <tr><td>{@code webhooks.attempts}</td><td>timer</td>
 *       <td>{@code outcome} ({@code success}, {@code retry}, {@code failed}, {@code gone}),
 *       {@code status_class} ({@code 2xx}, {@code 4xx}, {@code 5xx}, the other {@code Nxx},
 *       {@code none} without a response, {@code other} outside 100 to 599)</td>
 *       <td>recorded attempts and their latency; {@code retry}: the delivery is due again,
 *       {@code failed}: it failed for good, {@code gone}: it failed for good on {@code 410 Gone}</td></tr>
 *   <tr><td>{@code webhooks.deliveries.completed}</td><td>counter</td>
 *       <td>{@code outcome} ({@code success}, {@code failed}, {@code gone}, {@code skipped})</td>
 *       <td>deliveries that reached a final status; {@code skipped}: its endpoint was disabled</td></tr>
 *   <tr><td>{@code webhooks.delivery.lag}</td><td>timer</td><td>none</td>
 *       <td>from publishing an event to an endpoint's successful receipt (the end of the 2xx attempt);
 *       replays are left out</td></tr>
 *   <tr><td>{@code webhooks.backlog}</td><td>gauge</td><td>none</td>
 *       <td>deliveries due now on the sender's store, of every tenant and sender node, those being
 *       attempted included ({@link WebhookSender#dueDeliveries()}), read at most once per
 *       {@linkplain Builder#backlogInterval backlog interval}; NaN before the first read and after a
 *       failed one</td></tr>
 *   <tr><td>{@code webhooks.in_flight}</td><td>gauge</td><td>none</td>
 *       <td>attempts this sender has started and not yet ended</td></tr>
 *   <tr><td>{@code webhooks.endpoints.disabled}</td><td>counter</td>
 *       <td>{@code reason} ({@code gone}, {@code failing}, {@code other})</td>
 *       <td>endpoints the sender disabled by itself: {@code 410 Gone}, or failing for the whole health
 *       period</td></tr>
 * </table>
 *
 * <p>Every tag value comes from a small fixed set, or for {@code type} from the event types
 * published, so the number of time series stays bounded however many tenants, endpoints and events
 * there are. {@link Builder#tenantTags} and {@link Builder#endpointTags} add a {@code tenant} and an
 * {@code endpoint} tag (the tenant id, the endpoint id) to every meter but the gauges and
 * {@code webhooks.published} (which gets {@code tenant} only): each multiplies the series by the
 * number of tenants or endpoints, without bound, so turn them on only for a small, fixed set of
 * them.
 *
 * <p>Thread-safe. The listener's meters are registered on first use; the in-flight gauge when this is
 * built.
 */
public final class WebhookMetrics implements AutoCloseable {

    private final MeterRegistry registry;
    private final Clock clock;
    private final Duration backlogInterval;
    private final Executor backlogExecutor;
    private final boolean ownsExecutor;
    private final MetricsListener listener;
    private BacklogGauge backlog;
    private boolean closed;

    private WebhookMetrics(Builder builder) {
        this.registry = builder.registry;
        this.clock = builder.clock;
        this.backlogInterval = builder.backlogInterval;
        this.ownsExecutor = builder.backlogExecutor == null;
        this.backlogExecutor = ownsExecutor ? Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "migomail-webhooks-metrics");
            thread.setDaemon(true);
            return thread;
        }) : builder.backlogExecutor;
        this.listener = new MetricsListener(registry, builder.tenantTags, builder.endpointTags);
    }

    /**
     * A builder for metrics in that registry, every option at its default.
     *
     * @param registry where the meters go
     * @return a new builder
     * @throws NullPointerException if registry is null
     */
    public static Builder builder(MeterRegistry registry) {
        return new Builder(registry);
    }

    /**
     * The listener to give to {@link WebhookSender.Builder#listener}; it goes beside any listener of
     * your own (the builder takes several). Give it to one sender only: the in-flight gauge counts
     * the attempts of every sender that calls it.
     *
     * @return the listener, the same one on every call
     */
    public DeliveryListener listener() {
        return listener;
    }

    /**
     * Registers the {@code webhooks.backlog} gauge for that sender and starts its first read.
     *
     * @param sender the sender whose due deliveries the gauge shows
     * @return this
     * @throws NullPointerException if sender is null
     * @throws IllegalStateException if a sender is bound already, or this is closed
     */
    public synchronized WebhookMetrics bindBacklog(WebhookSender sender) {
        Objects.requireNonNull(sender, "sender cannot be null");
        if (closed) {
            throw new IllegalStateException("metrics are closed");
        }
        if (backlog != null) {
            throw new IllegalStateException("a sender is bound to the backlog gauge already");
        }
        backlog = new BacklogGauge(registry, sender, clock, backlogInterval, backlogExecutor);
        return this;
    }

    /**
     * Removes the backlog gauge and stops its thread (if this created it); the listener's meters stay
     * in the registry. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (backlog != null) {
            backlog.remove();
        }
        if (ownsExecutor) {
            ((ExecutorService) backlogExecutor).shutdownNow();
        }
    }

    /**
     * Builds {@link WebhookMetrics}; validates each option as it is set. Not thread-safe.
     *
     * <p>Defaults: backlog interval 10 seconds, no tenant or endpoint tags, the system clock (UTC),
     * and the backlog read on a daemon thread of its own.
     */
    public static final class Builder {
        private final MeterRegistry registry;
        private Duration backlogInterval = Duration.ofSeconds(10);
        private boolean tenantTags;
        private boolean endpointTags;
        private Clock clock = Clock.systemUTC();
        private Executor backlogExecutor;

        private Builder(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry cannot be null");
        }

        /**
         * The least time between two reads of the backlog; a scrape in between shows the last count.
         * Default: 10 seconds.
         *
         * @param interval a positive duration
         * @return this builder
         * @throws NullPointerException if interval is null
         * @throws IllegalArgumentException if interval is zero or negative
         */
        public Builder backlogInterval(Duration interval) {
            Objects.requireNonNull(interval, "backlogInterval cannot be null");
            if (interval.isZero() || interval.isNegative()) {
                throw new IllegalArgumentException("backlogInterval must be positive: " + interval);
            }
            this.backlogInterval = interval;
            return this;
        }

        /**
         * Whether the attempt, completion, lag, publish and disabled-endpoint meters carry a
         * {@code tenant} tag. Default: false. <b>Cardinality:</b> one series per tenant for each
         * tag combination, without bound; only for a small, fixed set of tenants.
         *
         * @param enabled whether to add the tag
         * @return this builder
         */
        public Builder tenantTags(boolean enabled) {
            this.tenantTags = enabled;
            return this;
        }

        /**
         * Whether the attempt, completion, lag and disabled-endpoint meters carry an {@code endpoint}
         * tag (the endpoint id). Default: false. <b>Cardinality:</b> one series per endpoint for each
         * tag combination, and endpoints come and go with your customers; only for a small, fixed
         * set of endpoints.
         *
         * @param enabled whether to add the tag
         * @return this builder
         */
        public Builder endpointTags(boolean enabled) {
            this.endpointTags = enabled;
            return this;
        }

        /**
         * The clock that times the backlog interval. Default: the system clock in UTC.
         *
         * @param clock the clock
         * @return this builder
         * @throws NullPointerException if clock is null
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock cannot be null");
            return this;
        }

        /**
         * Runs the backlog reads (a store query each), so that a scrape never waits for the store.
         * Default: a daemon thread of its own, stopped by {@link WebhookMetrics#close()}; an executor
         * given here is not shut down.
         *
         * @param executor the executor
         * @return this builder
         * @throws NullPointerException if executor is null
         */
        public Builder backlogExecutor(Executor executor) {
            this.backlogExecutor = Objects.requireNonNull(executor, "backlogExecutor cannot be null");
            return this;
        }

        /**
         * The metrics, with the in-flight gauge registered.
         *
         * @return new metrics
         */
        public WebhookMetrics build() {
            return new WebhookMetrics(this);
        }
    }
}
