package com.migomail.webhooks.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a replay scheduled.
 *
 * @param deliveryIds the deliveries re-armed or created, in the order they are due
 * @param lastDueAt when the last of them is due (replays of many deliveries are spread over time),
 *     or {@code null} if nothing was scheduled
 */
public record ReplayReceipt(List<String> deliveryIds, Instant lastDueAt) {

    /**
     * Validates and copies.
     *
     * @param deliveryIds the deliveries scheduled; copied
     * @param lastDueAt when the last is due, or {@code null} if none was scheduled
     * @throws NullPointerException if deliveryIds or an element is null
     */
    public ReplayReceipt {
        Objects.requireNonNull(deliveryIds, "deliveryIds cannot be null");
        deliveryIds = List.copyOf(deliveryIds);
    }

    /**
     * How many deliveries were scheduled.
     *
     * @return the size of {@link #deliveryIds()}
     */
    public int count() {
        return deliveryIds.size();
    }
}
