package com.migomail.webhooks.spring.autoconfigure.internal;

import com.migomail.webhooks.delivery.WebhookSender;
import java.util.Objects;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the auto-configured sender when the context starts and closes it when the context stops.
 * In the default phase, so it starts after the embedded web server (a receiver in the same
 * application is listening by the first attempt) and stops before it. Thread-safe.
 */
public final class SenderLifecycle implements SmartLifecycle {

    private final WebhookSender sender;
    private volatile boolean running;

    /**
     * A lifecycle for the sender.
     *
     * @param sender the sender it starts and closes
     */
    public SenderLifecycle(WebhookSender sender) {
        this.sender = Objects.requireNonNull(sender, "sender cannot be null");
    }

    @Override
    public synchronized void start() {
        if (!running) {
            sender.start();
            running = true;
        }
    }

    /** Closes the sender: a closed sender cannot start again, as a context restart would need. */
    @Override
    public synchronized void stop() {
        if (running) {
            sender.close();
            running = false;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
