package com.migomail.webhooks.store;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing.
 *
 * @param items the items, in the query's order
 * @param nextCursor an opaque cursor for the next page, or {@code null} when this is the last page
 * @param <T> the item type
 */
public record Page<T>(List<T> items, String nextCursor) {
    /**
     * Copies the list.
     *
     * @param items the items, in the query's order; copied
     * @param nextCursor an opaque cursor for the next page, or {@code null} when this is the last page
     * @throws NullPointerException if {@code items} or an element is null
     */
    public Page {
        items = List.copyOf(items);
    }

    /**
     * The cursor of the next page, if there is one.
     *
     * @return {@link #nextCursor()}, or empty on the last page
     */
    public Optional<String> next() {
        return Optional.ofNullable(nextCursor);
    }
}
