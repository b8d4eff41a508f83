package com.migomail.webhooks.examples.cli;

import com.migomail.webhooks.examples.demo.Demo;
import java.util.Set;

/** {@code demo}: a sender and a verifying receiver on 127.0.0.1, end to end, for two tenants, in a few seconds. */
public final class DemoCommand implements Command {

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "Send all 12 event types to a local verifying receiver: retries, replay, log";
    }

    @Override
    public String usage() {
        return """
                Usage: java -jar migomail-webhooks.jar demo

                Runs a sender and a receiver in this process, on 127.0.0.1 only, for a few seconds,
                for two tenants (customers of the platform), acme and globex: registers acme's two
                endpoints (one answers 500 to its first requests) and globex's one, publishes one
                event of each of the 12 types for acme and a few for globex through an embedded H2
                store in a temporary folder, and shows the deliveries, the signatures the receiver
                verified, the retries (on a schedule of seconds instead of minutes), a replay (which
                globex, asking for acme's event, is refused), a forged request being refused, and a
                summary from the store's log, per endpoint and per tenant, with a check that neither
                tenant's endpoints received the other's events. Exit status 0 when everything arrived
                as expected.
                """;
    }

    @Override
    public Set<String> valueOptions() {
        return Set.of();
    }

    @Override
    public int run(Arguments args, Terminal terminal) {
        return Demo.run(terminal.out());
    }
}
