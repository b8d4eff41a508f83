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

    /** Validates and copies. */
    public ReplayReceipt {
        Objects.requireNonNull(deliveryIds, "deliveryIds cannot be null");
        deliveryIds = List.copyOf(deliveryIds);
    }

    /** How many deliveries were scheduled. */
    public int count() {
        return deliveryIds.size();
    }
}
