package com.migomail.webhooks.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Random test values drawn from one seeded {@link SplittableRandom}, for property tests: the same
 * seed gives the same values in the same order. Obtain one through {@link Cases#generate}.
 *
 * <p>Numbers and sizes favour their edges: one draw in 16 of {@link #between(int, int)} and
 * {@link #between(long, long)} is the minimum, the maximum, or 0, 1 or -1 when they are in range,
 * so that empty strings, empty lists and extreme values come up in every run. Choices among values
 * ({@link #pick}, {@link #oneOf}) are uniform. Not thread-safe.
 */
public final class Generator {
    private static final int EDGE_ODDS = 16;

    private final SplittableRandom random;

    Generator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /**
     * True with the given probability.
     *
     * @param probability from 0 to 1
     * @return the outcome
     */
    public boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    /**
     * A number from {@code min} to {@code max}, both included, favouring the edges.
     *
     * @param min the smallest value
     * @param max the largest value
     * @return the number
     * @throws IllegalArgumentException if {@code min > max}
     */
    public int between(int min, int max) {
        return (int) between((long) min, (long) max);
    }

    /**
     * A number from {@code min} to {@code max}, both included, favouring the edges.
     *
     * @param min the smallest value
     * @param max the largest value
     * @return the number
     * @throws IllegalArgumentException if {@code min > max}
     */
    public long between(long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException("min " + min + " is greater than max " + max);
        }
        if (random.nextInt(EDGE_ODDS) == 0) {
            return pick(edges(min, max));
        }
        if (max < Long.MAX_VALUE) {
            return random.nextLong(min, max + 1);
        }
        return min == Long.MIN_VALUE ? random.nextLong() : random.nextLong(min - 1, max) + 1;
    }

    /**
     * Any {@code long}, favouring the edges.
     *
     * @return the number
     */
    public long anyLong() {
        return between(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * One of the values, each as likely.
     *
     * @param <T> the type of the values
     * @param values at least one value
     * @return the value picked
     */
    public <T> T pick(List<? extends T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /**
     * One of the values, each as likely.
     *
     * @param <T> the type of the values
     * @param values at least one value
     * @return the value picked
     */
    @SafeVarargs
    public final <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }

    /**
     * One of the constants of an enum, each as likely.
     *
     * @param <E> the enum
     * @param type the enum's class
     * @return the constant picked
     */
    public <E extends Enum<E>> E pick(Class<E> type) {
        return pick(type.getEnumConstants());
    }

    /**
     * The value of one of the generators, each as likely to be asked.
     *
     * @param <T> the type of the values
     * @param generators at least one generator
     * @return the value generated
     */
    @SafeVarargs
    public final <T> T oneOf(Function<Generator, ? extends T>... generators) {
        return generators[random.nextInt(generators.length)].apply(this);
    }

    /**
     * Null with the given probability, else a value of the generator.
     *
     * @param <T> the type of the value
     * @param probability from 0 to 1
     * @param generator the generator of non-null values
     * @return null or the value generated
     */
    public <T> T orNull(double probability, Function<Generator, ? extends T> generator) {
        return chance(probability) ? null : generator.apply(this);
    }

    /**
     * A mutable list of {@code minSize} to {@code maxSize} generated elements.
     *
     * @param <T> the type of the elements
     * @param minSize the fewest elements
     * @param maxSize the most elements
     * @param elements the generator of each element
     * @return the list
     */
    public <T> List<T> list(int minSize, int maxSize, Function<Generator, ? extends T> elements) {
        int size = between(minSize, maxSize);
        List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(elements.apply(this));
        }
        return list;
    }

    /**
     * A mutable map of up to {@code maxSize} generated entries, in the order generated; a key drawn
     * twice keeps its last value, so the map may be smaller.
     *
     * @param <K> the type of the keys
     * @param <V> the type of the values
     * @param maxSize the most entries
     * @param keys the generator of each key
     * @param values the generator of each value
     * @return the map
     */
    public <K, V> Map<K, V> map(int maxSize, Function<Generator, ? extends K> keys,
            Function<Generator, ? extends V> values) {
        Map<K, V> map = new LinkedHashMap<>();
        for (int i = between(0, maxSize); i > 0; i--) {
            map.put(keys.apply(this), values.apply(this));
        }
        return map;
    }

    /**
     * A string of {@code minLength} to {@code maxLength} chars of the alphabet.
     *
     * @param minLength the fewest chars
     * @param maxLength the most chars
     * @param alphabet the chars to choose from, each as likely
     * @return the string
     */
    public String string(int minLength, int maxLength, String alphabet) {
        return string(minLength, maxLength, g -> alphabet.charAt(g.random.nextInt(alphabet.length())));
    }

    /**
     * A string of {@code minLength} to {@code maxLength} chars from {@code first} to {@code last}.
     *
     * @param minLength the fewest chars
     * @param maxLength the most chars
     * @param first the smallest char
     * @param last the largest char
     * @return the string
     */
    public String string(int minLength, int maxLength, char first, char last) {
        return string(minLength, maxLength, g -> (char) g.random.nextInt(first, last + 1));
    }

    /**
     * A string of up to {@code maxLength} chars of any kind: half of them ASCII, the others from the
     * whole range of {@code char}, unpaired surrogates and noncharacters included.
     *
     * @param maxLength the most chars
     * @return the string
     */
    public String anyString(int maxLength) {
        return string(0, maxLength, g -> (char) g.random.nextInt(g.random.nextBoolean() ? 0x80 : 0x10000));
    }

    /**
     * A string of {@code minLength} to {@code maxLength} generated chars.
     *
     * @param minLength the fewest chars
     * @param maxLength the most chars
     * @param chars the generator of each char
     * @return the string
     */
    public String string(int minLength, int maxLength, Function<Generator, Character> chars) {
        int length = between(minLength, maxLength);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) chars.apply(this));
        }
        return text.toString();
    }

    /**
     * Up to {@code maxLength} random bytes.
     *
     * @param maxLength the most bytes
     * @return the bytes
     */
    public byte[] bytes(int maxLength) {
        byte[] bytes = new byte[between(0, maxLength)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    private static List<Long> edges(long min, long max) {
        List<Long> edges = new ArrayList<>(List.of(min, max));
        for (long value = -1; value <= 1; value++) {
            if (min < value && value < max) {
                edges.add(value);
            }
        }
        return edges;
    }
}
