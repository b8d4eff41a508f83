package com.migomail.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.migomail.webhooks.store.WebhookStore;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookSenderBuilderTest {

    @Test
    void requiresAStore() {
        assertThatThrownBy(() -> WebhookSender.builder().build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("store cannot be null");
    }

    @Test
    void rejectsALeaseThatDoesNotOutlastTheAttempt() {
        WebhookSender.Builder builder = WebhookSender.builder().store(WebhookStore.inMemory())
                .attemptTimeout(Duration.ofSeconds(30)).leaseDuration(Duration.ofSeconds(35));

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("leaseDuration (PT35S) must exceed attemptTimeout (PT30S) by at least PT10S");
    }

    @Test
    void derivesTheDefaultLeaseFromTheAttemptTimeout() {
        WebhookSender.Builder builder = WebhookSender.builder().store(WebhookStore.inMemory())
                .attemptTimeout(Duration.ofMinutes(2));

        assertThatCode(() -> builder.build().close()).doesNotThrowAnyException();
    }

    @Test
    void rejectsAClientThatFollowsRedirects() {
        HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

        assertThatThrownBy(() -> WebhookSender.builder().httpClient(following))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("httpClient must not follow redirects (Redirect.NEVER)");
    }

    @Test
    void refusesToCombineATransportAClientAndAnEgressProxy() {
        WebhookTransport transport = request -> new java.util.concurrent.CompletableFuture<>();
        HttpClient client = HttpClient.newBuilder().build();
        InetSocketAddress proxy = InetSocketAddress.createUnresolved("egress.internal", 3128);

        assertThatThrownBy(() -> builder().transport(transport).httpClient(client).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("transport and httpClient cannot both be set: the client is used only by the sender's own"
                        + " transport");
        assertThatThrownBy(() -> builder().transport(transport).egressProxy(proxy).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("transport and egressProxy cannot both be set: the egress proxy is used only by the sender's"
                        + " own transport; configure the proxy on your transport");
        assertThatThrownBy(() -> builder().httpClient(client).egressProxy(proxy).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("httpClient and egressProxy cannot both be set: set the proxy on your client"
                        + " (HttpClient.Builder.proxy)");
        assertThatCode(() -> builder().egressProxy(proxy).build().close()).doesNotThrowAnyException();
    }

    @Test
    void rejectsBadValuesAtOnce() {
        WebhookSender.Builder builder = WebhookSender.builder();

        assertThatThrownBy(() -> builder.attemptTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("attemptTimeout must be positive: PT0S");
        assertThatThrownBy(() -> builder.maxConcurrency(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxConcurrency must be at least 1: 0");
        assertThatThrownBy(() -> builder.maxConcurrencyPerEndpoint(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxConcurrencyPerEndpoint must be at least 1: -1");
        assertThatThrownBy(() -> builder.userAgent(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("userAgent cannot be blank");
        assertThatThrownBy(() -> builder.clock(null))
                .isInstanceOf(NullPointerException.class).hasMessage("clock cannot be null");
        assertThatThrownBy(() -> builder.retention(Duration.ofDays(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("retention must be positive: PT-24H");
        assertThatThrownBy(() -> builder.dnsThreads(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("dnsThreads must be at least 1: 0");
        assertThatThrownBy(() -> builder.dnsTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("dnsTimeout must be positive: PT0S");
        assertThatThrownBy(() -> builder.transport(null))
                .isInstanceOf(NullPointerException.class).hasMessage("transport cannot be null");
        assertThatThrownBy(() -> builder.egressProxy(null))
                .isInstanceOf(NullPointerException.class).hasMessage("egressProxy cannot be null");
    }

    private static WebhookSender.Builder builder() {
        return WebhookSender.builder().store(WebhookStore.inMemory());
    }

    @Test
    void cannotStartTwiceOrAfterClose() {
        WebhookSender sender = WebhookSender.builder().store(WebhookStore.inMemory()).build();
        sender.start();
        sender.close();

        assertThatThrownBy(sender::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("sender cannot start: it is closed");
        assertThatCode(sender::close).doesNotThrowAnyException();
    }
}
