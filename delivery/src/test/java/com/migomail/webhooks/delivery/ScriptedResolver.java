package com.migomail.webhooks.delivery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A resolver for tests: answers each call with the next scripted answer (the last one repeats),
 * records the hosts asked for, and can hold the lookups of chosen hosts.
 */
final class ScriptedResolver implements HostResolver {
    private final List<List<InetAddress>> answers;
    private final List<String> asked = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile Predicate<String> held = host -> false;
    private volatile Runnable onLookup = () -> {};

    private ScriptedResolver(List<List<InetAddress>> answers) {
        this.answers = answers;
    }

    /** Answers the calls in this order, repeating the last: e.g. {@code "93.184.215.14"}, {@code "127.0.0.1,::1"}. */
    static ScriptedResolver answering(String... answers) {
        List<List<InetAddress>> parsed = new ArrayList<>();
        for (String answer : answers) {
            List<InetAddress> addresses = new ArrayList<>();
            for (String literal : answer.split(",")) {
                addresses.add(literal(literal.strip()));
            }
            parsed.add(List.copyOf(addresses));
        }
        return new ScriptedResolver(parsed);
    }

    /**
     * From now on, holds the lookups of matching hosts until {@link #release()}, for 8 s at most, and
     * then fails them.
     */
    ScriptedResolver holding(Predicate<String> hosts) {
        this.held = hosts;
        return this;
    }

    /** From now on, runs this at the start of every lookup, on the lookup's thread. */
    ScriptedResolver onLookup(Runnable action) {
        this.onLookup = action;
        return this;
    }

    /** Lets the held lookups finish. */
    void release() {
        released.countDown();
    }

    /** The hosts asked for, in order. */
    List<String> asked() {
        synchronized (asked) {
            return List.copyOf(asked);
        }
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        int call;
        synchronized (asked) {
            asked.add(host);
            call = asked.size() - 1;
        }
        onLookup.run();
        if (held.test(host)) {
            hold(host);
        }
        return answers.get(Math.min(call, answers.size() - 1));
    }

    /** The slow nameserver, which in the end does not answer: nothing held is ever sent. */
    private void hold(String host) throws UnknownHostException {
        try {
            released.await(8, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new UnknownHostException(host + ": the nameserver gave up");
    }

    static InetAddress literal(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
