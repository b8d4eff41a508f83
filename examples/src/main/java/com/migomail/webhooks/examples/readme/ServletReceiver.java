package com.migomail.webhooks.examples.readme;

import com.migomail.webhooks.core.EventFormatException;
import com.migomail.webhooks.core.WebhookEvent;
import com.migomail.webhooks.core.WebhookReceiver;
import com.migomail.webhooks.signing.WebhookVerificationException;
import com.migomail.webhooks.signing.WebhookVerifier;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A receiver in any Jakarta Servlet container, Servlet 5 or later (Tomcat 10+, Jetty 11+, …). */
@WebServlet("/webhooks/migomail")
public class ServletReceiver extends HttpServlet {
    private static final int MAX_BODY = 1 << 20;   // 1 MiB: events are a few KiB; a larger body is refused unread

    private final WebhookReceiver receiver = WebhookReceiver.create(WebhookVerifier.builder()
            .key(System.getenv("MIGOMAIL_WEBHOOK_SECRET"))
            .build());

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);   // raw bytes: not getReader(), not getParameter()
        if (body.length > MAX_BODY) {
            response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);   // never read an unbounded body
            return;
        }
        try {
            WebhookEvent event = receiver.receive(headers(request), body);
            ReceivedEvents.handle(event);
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        } catch (WebhookVerificationException e) {
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED, e.reason().toString());
        } catch (EventFormatException e) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
        }
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        return headers;
    }
}
