package com.migomail.webhooks.spring.autoconfigure;

import com.migomail.webhooks.store.TenantId;
import com.migomail.webhooks.store.WebhookStore;
import com.migomail.webhooks.store.jdbc.JdbcWebhookStore;
import java.util.Objects;
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

    /**
     * A health indicator over the store.
     *
     * @param store the store to probe
     */
    public WebhooksHealthIndicator(WebhookStore store) {
        super("webhooks health check failed");
        this.store = Objects.requireNonNull(store, "store cannot be null");
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
     * Adds details beyond the store's answer. None yet; the sender's backlog belongs here.
     *
     * @param builder the health being built, already up
     */
    protected void details(Health.Builder builder) {
    }
}
