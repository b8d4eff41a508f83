package com.migomail.webhooks.transport.apache.internal;

import com.migomail.webhooks.delivery.WebhookResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.ProtocolException;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Reads the status, {@code Retry-After} and at most {@value WebhookResponse#MAX_EXCERPT_BYTES} body
 * bytes into an {@link Excerpt}. Once the excerpt is full it calls {@code onFull}, which completes
 * the exchange and aborts it, so an endless body is never read further.
 *
 * <p>A response that arrives before the request was sent is the egress proxy refusing the tunnel
 * (Apache hands it over as if it were the endpoint's): it fails the exchange instead, so that a
 * proxy's 403 is not logged as the endpoint's, nor its 410 taken for the endpoint being gone.
 *
 * <p>Bytes that arrive after the exchange ended (deadline, cancellation) fail it here, on the I/O
 * thread, which closes the connection. Cancelling Apache's future from another thread does not
 * always do that: under load a trickling body was seen read on for seconds after the cancel.
 */
final class ExcerptConsumer implements AsyncResponseConsumer<WebhookResponse> {
    private final Excerpt excerpt;
    private final HttpContext tryContext;
    private final Runnable onFull;
    private final BooleanSupplier ended;
    private volatile FutureCallback<WebhookResponse> callback;

    /**
     * @param tryContext the context of this connection try, which {@link ConnectedMarker} marks
     * @param onFull called once the excerpt is full
     * @param ended whether the exchange has ended, after which no byte more is taken
     */
    ExcerptConsumer(Excerpt excerpt, HttpContext tryContext, Runnable onFull, BooleanSupplier ended) {
        this.excerpt = excerpt;
        this.tryContext = tryContext;
        this.onFull = onFull;
        this.ended = ended;
    }

    @Override
    public void consumeResponse(HttpResponse response, EntityDetails entityDetails, HttpContext context,
            FutureCallback<WebhookResponse> resultCallback) throws ProtocolException, IOException {
        if (tryContext.getAttribute(ConnectedMarker.CONNECTED) == null) {
            throw new IOException("egress proxy refused the tunnel: " + response.getCode()
                    + (response.getReasonPhrase() == null ? "" : " " + response.getReasonPhrase()));
        }
        if (response.getCode() < 100 || response.getCode() > 599) {
            throw new ProtocolException("status code out of range: " + response.getCode());
        }
        Header retryAfter = response.getFirstHeader("Retry-After");
        excerpt.status(response.getCode(), retryAfter == null ? null : retryAfter.getValue());
        this.callback = resultCallback;
        if (entityDetails == null) {
            resultCallback.completed(excerpt.response());
        }
    }

    @Override
    public void informationResponse(HttpResponse response, HttpContext context) {
        // 1xx: the final status is still to come.
    }

    @Override
    public void updateCapacity(CapacityChannel capacityChannel) throws IOException {
        capacityChannel.update(Math.max(excerpt.room(), 1));
    }

    @Override
    public void consume(ByteBuffer src) throws IOException {
        if (ended.getAsBoolean()) {
            throw new IOException("exchange ended");
        }
        if (excerpt.append(src)) {
            onFull.run();
        }
    }

    @Override
    public void streamEnd(List<? extends Header> trailers) {
        callback.completed(excerpt.response());
    }

    @Override
    public void failed(Exception cause) {
        // The exchange's own callback reports the failure.
    }

    @Override
    public void releaseResources() {
        // Nothing held: the excerpt belongs to the exchange.
    }
}
