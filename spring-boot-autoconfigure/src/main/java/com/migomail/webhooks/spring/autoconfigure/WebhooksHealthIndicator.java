package com.migomail.webhooks.spring.autoconfigure;

import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.WebhookStore;
import com.migomail.webhooks.store.jdbc.JdbcWebhookStore;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code webhooks} health: {@code UP} when the store answers a query, {@code DOWN} with the
 * store's exception when it does not. The probe is one indexed lookup of an endpoint that does not
 * exist, in a tenant no host uses, so it costs the same however large the store.
 *
 * <p>Its details:
 * <ul>
 *   <li>{@code store} names the store: {@code jdbc (H2)}, {@code jdbc (POSTGRESQL)}, or the class of
 *       another store;</li>
 *   <li>{@code backlog}, with a sender: the deliveries due now, of every tenant and sender node,
 *       those being attempted included ({@link WebhookSender#dueDeliveries()}, a count in the
 *       store's due index whose cost grows with the backlog);</li>
 *   <li>{@code disabledEndpoints}: the endpoints disabled in the store, of every tenant, whoever
 *       disabled them ({@link WebhookStore#countDisabledEndpoints()}, a count over the endpoints
 *       only);</li>
 *   <li>{@code endpointsDisabledSinceStart}, when counted: the endpoints this node's sender disabled
 *       by itself (410 Gone, failing for its whole health period) since it was built.</li>
 * </ul>
 * A store that fails either query makes the health {@code DOWN}. Neither a backlog nor disabled
 * endpoints do: both are for the operator to judge, and a {@code DOWN} would take the node out of
 * its load balancer for what a restart cannot fix.
 *
 * <p>Thread-safe.
 */
public class WebhooksHealthIndicator extends AbstractHealthIndicator {

    /** The tenant of the probe's lookup: a valid id that no host is expected to use. */
    static final TenantId PROBE_TENANT = TenantId.of("migomail.health-probe");

    private final WebhookStore store;
    private final Optional<WebhookSender> sender;
    private final Optional<LongSupplier> endpointsDisabledSinceStart;

    /**
     * A health indicator over the store and, if the application has one, its sender, without a
     * count of disabled endpoints.
     *
     * @param store the store to probe
     * @param sender the application's sender, or empty if it has none
     */
    public WebhooksHealthIndicator(WebhookStore store, Optional<WebhookSender> sender) {
        this(store, sender, Optional.empty());
    }

    /**
     * A health indicator over the store, the sender if the application has one, and a count of the
     * endpoints the sender disabled.
     *
     * @param store the store to probe
     * @param sender the application's sender, or empty if it has none
     * @param endpointsDisabledSinceStart the endpoints the sender disabled since it was built (a
     *     listener's count), or empty if they are not counted
     */
    public WebhooksHealthIndicator(WebhookStore store, Optional<WebhookSender> sender,
            Optional<LongSupplier> endpointsDisabledSinceStart) {
        super("webhooks health check failed");
        this.store = Objects.requireNonNull(store, "store cannot be null");
        this.sender = Objects.requireNonNull(sender, "sender cannot be null");
        this.endpointsDisabledSinceStart = Objects.requireNonNull(endpointsDisabledSinceStart,
                "endpointsDisabledSinceStart cannot be null");
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        store.endpoint(PROBE_TENANT, "ep_health_probe");   // throws if the database does not answer
        builder.up().withDetail("store", store instanceof JdbcWebhookStore jdbc
                ? "jdbc (" + jdbc.dialect() + ")"
                : store.getClass().getSimpleName());
        builder.withDetail("disabledEndpoints", store.countDisabledEndpoints());
        details(builder);
    }

    /**
     * Adds the details beyond the store's answer: {@code backlog} and
     * {@code endpointsDisabledSinceStart}. A subclass that adds its own calls this too.
     *
     * @param builder the health being built, already up
     */
    protected void details(Health.Builder builder) {
        sender.ifPresent(webhooks -> builder.withDetail("backlog", webhooks.dueDeliveries()));
        endpointsDisabledSinceStart.ifPresent(count -> builder.withDetail("endpointsDisabledSinceStart",
                count.getAsLong()));
    }

    /**
     * The application's sender.
     *
     * @return the sender, or empty if the application has none (a store without a sender)
     */
    protected final Optional<WebhookSender> sender() {
        return sender;
    }
}
