package com.migomail.webhooks.delivery.internal;

import com.migomail.webhooks.delivery.DeliveryListener;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls every listener, catching and logging what one throws so delivery goes on. */
final class Listeners {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final List<DeliveryListener> listeners;

    Listeners(List<DeliveryListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    void fire(String what, Consumer<DeliveryListener> call) {
        for (DeliveryListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException | Error e) {
                LOG.warn("delivery listener {} threw from {}; ignored", listener.getClass().getName(), what, e);
            }
        }
    }
}
