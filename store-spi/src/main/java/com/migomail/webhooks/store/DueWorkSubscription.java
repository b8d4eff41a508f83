package com.migomail.webhooks.store;

/**
 * A sender's subscription to a store's signal that claimable work was committed elsewhere (see
 * {@link DeliveryStore#onDueWork(Runnable)}). Closing it stops the calls; thread-safe and idempotent.
 */
@FunctionalInterface
public interface DueWorkSubscription extends AutoCloseable {

    /** A subscription to a store that sends no signal: closing it does nothing. */
    DueWorkSubscription NONE = () -> { };

    /** Stops the calls; once it returns, the wake-up is not called again. Never throws. */
    @Override
    void close();
}
