package com.migomail.webhooks.store.internal;

import com.migomail.webhooks.store.KeysetCursor;
import java.time.Instant;
import java.util.Comparator;

/**
 * A sort key (time, id) for the in-memory indexes and keyset cursors. A {@code null} id sorts
 * before every id, so {@code Key(t, null)} is the lowest key at time {@code t} (a range bound).
 */
record Key(Instant at, String id) implements Comparable<Key> {

    private static final Comparator<Key> ORDER = Comparator.comparing(Key::at)
            .thenComparing(Key::id, Comparator.nullsFirst(Comparator.naturalOrder()));

    /** The key a cursor stands for. */
    static Key of(KeysetCursor cursor) {
        return new Key(cursor.at(), cursor.id());
    }

    /** The lowest key at that time, below every real key at it. */
    static Key lowest(Instant at) {
        return new Key(at, null);
    }

    @Override
    public int compareTo(Key other) {
        return ORDER.compare(this, other);
    }
}
