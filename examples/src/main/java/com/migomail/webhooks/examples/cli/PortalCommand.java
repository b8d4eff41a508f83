package com.migomail.webhooks.examples.cli;

import com.migomail.webhooks.examples.demo.PortalDemo;
import java.util.Set;

/** {@code portal}: the demo's sender with a week of history for two tenants, and the portal on 127.0.0.1. */
public final class PortalCommand implements Command {
    private static final String PORT = "--port";

    @Override
    public String name() {
        return "portal";
    }

    @Override
    public String summary() {
        return "Open the customer portal on a demo sender with history, for two tenants";
    }

    @Override
    public String usage() {
        return """
                Usage: java -jar migomail-webhooks.jar portal [--port <port>]

                Starts the demo's sender on an embedded H2 store in a temporary folder, makes a week
                of history for two tenants, acme and globex (deliveries that succeeded, were retried
                and failed, to receivers on 127.0.0.1), then serves the portal on 127.0.0.1 and prints
                a magic link for each tenant: open one in a browser to see that tenant's endpoints,
                event log, attempts, charts and replays, and nothing of the other tenant's.

                Options:
                  --port <port>  the portal's port on 127.0.0.1 (default: any free port)

                Each link works once, for an hour. Press Enter for new links; type q and Enter to
                stop (or Ctrl-C). Exit status 0 once stopped.
                """;
    }

    @Override
    public Set<String> valueOptions() {
        return Set.of(PORT);
    }

    @Override
    public int run(Arguments args, Terminal terminal) throws UsageException {
        int port = port(args.optional(PORT).orElse("0"));
        return PortalDemo.run(port, terminal.in(), terminal.out());
    }

    private static int port(String value) throws UsageException {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // Reported below with the value.
        }
        throw new UsageException("--port must be a number from 0 to 65535: '" + value + "'");
    }
}
