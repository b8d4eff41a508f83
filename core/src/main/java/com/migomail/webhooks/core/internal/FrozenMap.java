package com.migomail.webhooks.core.internal;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An unmodifiable, insertion-ordered map with non-null keys and values, built once by
 * {@link Builder}. {@link Checks#orderedCopy} returns it as is instead of copying it again: the
 * reader builds each JSON object's map once, and the record constructors would otherwise copy it
 * a second time. Nobody holds a mutable reference to the backing map, so sharing it is safe.
 *
 * @param <V> the value type
 */
public final class FrozenMap<V> extends AbstractMap<String, V> {
    private final Map<String, V> view;

    private FrozenMap(Map<String, V> backing) {
        this.view = Collections.unmodifiableMap(backing);
    }

    @Override
    public Set<Entry<String, V>> entrySet() {
        return view.entrySet();
    }

    @Override
    public V get(Object key) {
        return view.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return view.containsKey(key);
    }

    @Override
    public int size() {
        return view.size();
    }

    /**
     * Collects the entries; usable for one map only.
     *
     * @param <V> the value type
     */
    public static final class Builder<V> {
        private Map<String, V> entries = new LinkedHashMap<>();

        /**
         * Adds an entry.
         *
         * @param key the key, not null
         * @param value the value, not null
         * @return false if the key was already present (the new value replaced it)
         * @throws NullPointerException if the key or value is null
         * @throws IllegalStateException after {@link #build()}
         */
        public boolean put(String key, V value) {
            Checks.notNull(key, "key");
            Checks.notNull(value, "value");
            if (entries == null) {
                throw new IllegalStateException("already built");
            }
            return entries.put(key, value) == null;
        }

        /**
         * The map; the builder cannot be used afterwards.
         *
         * @return the frozen map
         */
        public FrozenMap<V> build() {
            FrozenMap<V> map = new FrozenMap<>(entries);
            entries = null;
            return map;
        }
    }
}
