package com.migomail.webhooks.delivery;

import static com.migomail.webhooks.delivery.TestTenants.TENANT;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.migomail.webhooks.store.DeliveryStatus;
import com.migomail.webhooks.store.WebhookStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A host closes the sender, then its store. A poll that was claiming when {@code close()} began
 * must have started or given back what it claimed before {@code close()} returns: afterwards the
 * store may be closed, and a late release would fail and leave the deliveries leased until expiry.
 */
class CloseDuringClaimTest extends SenderTestSupport {

    @Test
    void closeWaitsForAClaimUnderWayAndTheStoreIsNotUsedAfterwards() throws Exception {
        receiver.stubFor(post("/hook").willReturn(ok()));
        CountDownLatch claimEntered = new CountDownLatch(1);
        CountDownLatch claimMayProceed = new CountDownLatch(1);
        AtomicBoolean closeReturned = new AtomicBoolean();
        List<String> callsAfterClose = new CopyOnWriteArrayList<>();
        WebhookStore gated = gatedStore(claimEntered, claimMayProceed, closeReturned, callsAfterClose);
        WebhookSender sender = WebhookSender.builder().store(gated).clock(clock)
                .addressPolicy(EndpointAddressPolicy.allowLoopbackForTesting())
                .pollInterval(Duration.ofMillis(20)).shutdownTimeout(Duration.ofSeconds(5)).build();
        sender.registerEndpoint(TENANT, EndpointRegistration.of(url("/hook"), "*"));
        List<String> deliveryIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            deliveryIds.addAll(sender.publish(TENANT, openedEvent()).deliveryIds());
        }
        sender.start();
        assertThat(claimEntered.await(10, TimeUnit.SECONDS)).as("the poller started a claim").isTrue();

        AtomicReference<Thread> closer = new AtomicReference<>();
        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> {
            closer.set(Thread.currentThread());
            sender.close();
            closeReturned.set(true);
        });
        await().atMost(WAIT).until(() -> closing.isDone()
                || (closer.get() != null && closer.get().getState() == Thread.State.TIMED_WAITING));
        claimMayProceed.countDown();
        closing.get(10, TimeUnit.SECONDS);

        assertThat(callsAfterClose).as("store calls after close() returned").isEmpty();
        assertThat(deliveryIds).allSatisfy(id -> {
            assertThat(store.delivery(TENANT, id).orElseThrow().status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(store.delivery(TENANT, id).orElseThrow().leaseOwner()).isNull();
        });
        assertThat(receiver.getAllServeEvents()).isEmpty();
    }

    /** Like a JDBC call, the claim does not stop when close() interrupts the sender's threads. */
    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await(10, TimeUnit.SECONDS);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The in-memory store, with claimDue held at a latch and every call after close() noted. */
    private WebhookStore gatedStore(CountDownLatch entered, CountDownLatch proceed, AtomicBoolean closed,
            List<String> callsAfterClose) {
        return (WebhookStore) Proxy.newProxyInstance(WebhookStore.class.getClassLoader(),
                new Class<?>[] {WebhookStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("claimDue")) {
                        entered.countDown();
                        awaitUninterruptibly(proceed);
                    }
                    if (closed.get()) {
                        callsAfterClose.add(method.getName());
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
