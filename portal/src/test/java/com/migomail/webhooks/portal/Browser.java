package com.migomail.webhooks.portal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A minimal browser for the API tests: keeps the portal's session cookie (from Set-Cookie, as a
 * browser would for the mount path) and sends the session's CSRF token on changes, unless a test
 * says otherwise.
 */
final class Browser {
    static final String COOKIE = "migomail_portal_session";
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * One answer.
     *
     * @param status the status
     * @param headers the headers
     * @param body the body as text
     */
    record Answer(int status, java.net.http.HttpHeaders headers, String body) {
        JsonNode json() {
            return PortalTestSupport.json(body);
        }

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        List<String> all(String name) {
            return headers.allValues(name);
        }

        String contentType() {
            return header("Content-Type").orElse("");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private final URI base;
    String cookie;
    String csrfToken;

    Browser(URI base) {
        this.base = base;
    }

    URI base() {
        return base;
    }

    /** Opens a magic link at this browser's portal (only the token of the link is taken). */
    Answer openLink(URI link) {
        return get("login?" + link.getRawQuery());
    }

    void loadSession() {
        csrfToken = get("api/v1/session").json().get("csrfToken").asText();
    }

    Answer get(String path) {
        return send(request(path).GET());
    }

    Answer head(String path) {
        return send(request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    }

    Answer post(String path, JsonNode body) {
        return send(path, "POST", "application/json", body.toString());
    }

    Answer put(String path, JsonNode body) {
        return send(path, "PUT", "application/json", body.toString());
    }

    Answer delete(String path) {
        return send(withCsrf(request(path)).DELETE());
    }

    Answer send(String path, String method, String contentType, String body) {
        HttpRequest.Builder request = withCsrf(request(path))
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    /** A request with exactly these extra headers and this cookie (no CSRF token added). */
    Answer raw(String path, String method, String body, String cookieValue, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (cookieValue != null) {
            request.header("Cookie", COOKIE + "=" + cookieValue);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
        if (cookie != null) {
            request.header("Cookie", COOKIE + "=" + cookie);
        }
        return request;
    }

    private HttpRequest.Builder withCsrf(HttpRequest.Builder request) {
        return csrfToken == null ? request : request.header("X-CSRF-Token", csrfToken);
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String setCookie : response.headers().allValues("Set-Cookie")) {
                if (setCookie.startsWith(COOKIE + "=")) {
                    cookie = setCookie.substring(COOKIE.length() + 1, setCookie.indexOf(';'));
                }
            }
            return new Answer(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
