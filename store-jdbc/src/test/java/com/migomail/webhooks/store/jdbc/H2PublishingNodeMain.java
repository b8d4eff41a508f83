package com.migomail.webhooks.store.jdbc;

import com.migomail.webhooks.delivery.EndpointRegistration;
import com.migomail.webhooks.delivery.WebhookSender;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sender on an H2 file in its own JVM, for the crash test: {@code <h2 file> <receiver url> <events>}.
 * It registers the receiver, starts delivering, publishes the events and prints
 * {@code published <event id>} as each {@code publish} returns, then {@code done}, and waits to be
 * killed (or for its stdin to close). Every printed id is one the store acknowledged.
 */
public final class H2PublishingNodeMain {

    /** This node's lease-owner name, so the test can tell which deliveries it had in flight. */
    static final String NODE_ID = "doomed-h2-node";

    private H2PublishingNodeMain() {
    }

    public static void main(String[] args) throws IOException {
        JdbcWebhookStore store = Fixtures.h2File(Path.of(args[0]));
        int events = Integer.parseInt(args[2]);
        WebhookSender sender = SenderNodes.sender(store, NODE_ID, Clock.systemUTC(), new AtomicInteger());
        sender.registerEndpoint(Fixtures.TENANT, EndpointRegistration.of(args[1], "*"));
        sender.start();
        for (int i = 0; i < events; i++) {
            String id = sender.publish(Fixtures.TENANT, SenderNodes.emailSent(i)).eventId();
            System.out.println("published " + id); // System.out flushes on println
        }
        System.out.println("done");
        while (System.in.read() != -1) {
            continue;
        }
        Runtime.getRuntime().halt(0);
    }
}
