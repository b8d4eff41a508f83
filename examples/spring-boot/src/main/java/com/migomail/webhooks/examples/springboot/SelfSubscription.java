package com.migomail.webhooks.examples.springboot;

import com.migomail.webhooks.signing.WebhookSecret;
import com.migomail.webhooks.store.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The demonstration: once the application is up, subscribes its own receiver as the endpoint of the
 * tenant {@code acme} and publishes one event, which the sender delivers to {@link WebhookController}.
 */
@Component
public class SelfSubscription implements ApplicationRunner {
    private static final Logger LOG = LoggerFactory.getLogger(SelfSubscription.class);
    private static final TenantId ACME = TenantId.of("acme");

    private final WebhookService webhooks;
    private final Environment environment;

    /**
     * The runner.
     *
     * @param webhooks the sending side
     * @param environment where the server's port and the receiver's secret are read
     */
    public SelfSubscription(WebhookService webhooks, Environment environment) {
        this.webhooks = webhooks;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        String url = "http://127.0.0.1:" + environment.getRequiredProperty("local.server.port") + "/webhooks/migomail";
        WebhookSecret secret = WebhookSecret.parse(environment.getRequiredProperty("migomail.webhooks.receiver.secrets"));
        webhooks.subscribe(ACME, url, secret);
        LOG.info("published {} to {}", webhooks.opened(ACME, "jane@example.com").eventId(), url);
    }
}
