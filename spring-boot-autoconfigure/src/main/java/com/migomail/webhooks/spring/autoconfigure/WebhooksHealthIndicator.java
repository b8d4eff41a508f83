package com.migomail.webhooks.spring.autoconfigure;

import com.migomail.webhooks.delivery.WebhookSender;
import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.WebhookStore;
import com.migomail.webhooks.store.jdbc.JdbcWebhookStore;
import java.util.Objects;
import java.util.Optional;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code webhooks} health: {@code UP} when the store answers a query, {@code DOWN} with the
 * store's exception when it does not. The probe is one indexed lookup of an endpoint that does not
 * exist, in a tenant no host uses, so it costs the same however large the store.
 *
 * <p>The detail {@code store} names the store: {@code jdbc (H2)}, {@code jdbc (POSTGRESQL)}, or the
 * class of another store.
 *
 * <p>There is no count of disabled endpoints: the store SPI lists endpoints per tenant only, so
 * counting them across tenants would read every tenant's endpoints on every health check. The
 * sender's backlog (deliveries due now) joins the details in {@link #details(Health.Builder)}.
 *
 * <p>Thread-safe.
 */
public class WebhooksHealthIndicator extends AbstractHealthIndicator {

    /** The tenant of the probe's lookup: a valid id that no host is expected to use. */
    static final TenantId PROBE_TENANT = TenantId.of("migomail.health-probe");

    private final WebhookStore store;
    private final Optional<WebhookSender> sender;

    /**
     * A health indicator over the store and, if the application has one, its sender.
     *
     * @param store the store to probe
     * @param sender the application's sender, or empty if it has none
     */
    public WebhooksHealthIndicator(WebhookStore store, Optional<WebhookSender> sender) {
        super("webhooks health check failed");
        this.store = Objects.requireNonNull(store, "store cannot be null");
        this.sender = Objects.requireNonNull(sender, "sender cannot be null");
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        store.endpoint(PROBE_TENANT, "ep_health_probe");   // throws if the database does not answer
        builder.up().withDetail("store", store instanceof JdbcWebhookStore jdbc
                ? "jdbc (" + jdbc.dialect() + ")"
                : store.getClass().getSimpleName());
        details(builder);
    }

    /**
     * Adds details beyond the store's answer. None yet: the sender's backlog (deliveries due now,
     * from {@link #sender()}) belongs here.
     *
     * @param builder the health being built, already up
     */
    protected void details(Health.Builder builder) {
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
