package com.migomail.webhooks.spring.autoconfigure.internal;

import com.migomail.webhooks.core.EventFormatException;
import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.core.WebhookReceiver;
import com.migomail.webhooks.signing.WebhookVerificationException;
import com.migomail.webhooks.spring.autoconfigure.VerifiedWebhook;
import com.migomail.webhooks.spring.autoconfigure.WebhookRejectedException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves a {@link VerifiedWebhook} {@link WebhookEvent} parameter from the raw request body:
 * reads at most the limit from the servlet input stream (so no message converter, binding or
 * reader has touched it), verifies, then parses. Thread-safe.
 */
public final class VerifiedWebhookArgumentResolver implements HandlerMethodArgumentResolver {

    private final Supplier<WebhookReceiver> receiver;
    private final Supplier<ReceiverMetrics> metrics;
    private final int maxBodyBytes;

    /**
     * A resolver that records no metrics.
     *
     * @param receiver supplies the receiver that verifies and parses, when the first request needs it
     * @param maxBodyBytes the largest body read; a larger one is refused with 413 unverified
     */
    public VerifiedWebhookArgumentResolver(Supplier<WebhookReceiver> receiver, int maxBodyBytes) {
        this(receiver, ReceiverMetrics::none, maxBodyBytes);
    }

    /**
     * A resolver.
     *
     * @param receiver supplies the receiver that verifies and parses, when the first request needs it
     * @param metrics supplies where each request's outcome is counted, when a request needs it
     * @param maxBodyBytes the largest body read; a larger one is refused with 413 unverified
     */
    public VerifiedWebhookArgumentResolver(Supplier<WebhookReceiver> receiver, Supplier<ReceiverMetrics> metrics,
            int maxBodyBytes) {
        this.receiver = Objects.requireNonNull(receiver, "receiver cannot be null");
        this.metrics = Objects.requireNonNull(metrics, "metrics cannot be null");
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("max body size must be positive: " + maxBodyBytes);
        }
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(VerifiedWebhook.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) throws IOException {
        requireEventType(parameter);
        HttpServletRequest request = Objects.requireNonNull(webRequest.getNativeRequest(HttpServletRequest.class),
                "@VerifiedWebhook needs a servlet request");
        WebhookEvent event;
        try {
            event = receive(request);
        } catch (WebhookRejectedException e) {
            metrics.get().received(outcome(e), ReceiverMetrics.NO_TYPE);
            throw e;
        }
        metrics.get().received(ReceiverMetrics.VERIFIED, event.type());
        return event;
    }

    private WebhookEvent receive(HttpServletRequest request) throws IOException {
        byte[] body = body(request);
        try {
            return receiver.get().receive(headers(request), body);
        } catch (WebhookVerificationException e) {
            throw new WebhookRejectedException(HttpStatus.UNAUTHORIZED, e.reason().name(),
                    "the request is not signed by a key of this receiver (" + e.reason() + ")", e);
        } catch (EventFormatException e) {
            throw new WebhookRejectedException(HttpStatus.BAD_REQUEST, "INVALID_EVENT",
                    "the signed body is not a valid event (at " + e.path() + ")", e);
        }
    }

    private static String outcome(WebhookRejectedException rejected) {
        return switch (rejected.getStatusCode().value()) {
            case 413 -> ReceiverMetrics.TOO_LARGE;
            case 400 -> ReceiverMetrics.BAD_BODY;
            default -> ReceiverMetrics.BAD_SIGNATURE;
        };
    }

    static void requireEventType(MethodParameter parameter) {
        if (parameter.getParameterType() != WebhookEvent.class) {
            throw new IllegalStateException("@VerifiedWebhook parameter #" + parameter.getParameterIndex() + " of "
                    + parameter.getExecutable() + " must be a " + WebhookEvent.class.getName());
        }
    }

    private byte[] body(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > maxBodyBytes) {
            throw tooLarge();   // declared too large: refused before reading a byte
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(maxBodyBytes + 1);
        }
        if (body.length > maxBodyBytes) {
            throw tooLarge();
        }
        return body;
    }

    private WebhookRejectedException tooLarge() {
        return new WebhookRejectedException(HttpStatus.CONTENT_TOO_LARGE, "BODY_TOO_LARGE",
                "the body is larger than " + maxBodyBytes + " bytes", null);
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        return headers;
    }
}
