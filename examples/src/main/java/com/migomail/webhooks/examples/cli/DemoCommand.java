package com.migomail.webhooks.examples.cli;

import com.migomail.webhooks.examples.demo.Demo;
import java.util.Set;

/** {@code demo}: a sender and a verifying receiver on 127.0.0.1, end to end, in a few seconds. */
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

                Runs a sender and a receiver in this process, on 127.0.0.1 only, for a few seconds:
                registers two endpoints (one answers 500 to its first requests), publishes one event
                of each of the 12 types through an embedded H2 store in a temporary folder, and shows
                the deliveries, the signatures the receiver verified, the retries (on a schedule of
                seconds instead of minutes), a replay, a forged request being refused, and a summary
                from the store's log. Exit status 0 when everything arrived as expected.
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
