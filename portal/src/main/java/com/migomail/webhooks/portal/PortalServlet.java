package com.migomail.webhooks.portal;

import com.migomail.webhooks.portal.internal.Cookies;
import com.migomail.webhooks.portal.internal.HttpAnswer;
import com.migomail.webhooks.portal.internal.HttpCall;
import com.migomail.webhooks.portal.internal.PortalHandler;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The portal as a Jakarta Servlet (6.0 or later), mountable under any path: map it as
 * {@code /prefix/*} (e.g. {@code /webhooks/*}) or as the default servlet {@code /}. The portal's mount
 * path (its cookie's {@code Path} and the base of the page's relative links) is the request's
 * context path plus servlet path, so the same servlet works in any context. A request to the mount
 * path without its trailing slash is redirected to it.
 *
 * <p>It handles every method itself ({@link #service}); the container's own session, security and
 * multipart handling are not used. Thread-safe, as servlets must be.
 */
public final class PortalServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient PortalHandler handler;

    /**
     * A servlet serving that portal.
     *
     * @param portal the portal
     * @throws NullPointerException if portal is null
     */
    public PortalServlet(WebhookPortal portal) {
        this.handler = Objects.requireNonNull(portal, "portal cannot be null").handler();
    }

    /**
     * Answers one request through the portal's handler.
     *
     * @param request the request
     * @param response the response
     * @throws IOException if writing the response fails
     */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpAnswer answer = handler.handle(new ServletCall(request));
        response.setStatus(answer.status());
        answer.headers().forEach(header -> response.addHeader(header.getKey(), header.getValue()));
        int length = answer.body().length();
        if (length > 0) {
            response.setContentLength(length);
            answer.body().writeTo(response.getOutputStream());
        }
    }

    @Override
    public String toString() {
        return "PortalServlet";
    }

    /** One servlet request, as the handler reads it. */
    private static final class ServletCall implements HttpCall {
        private final HttpServletRequest request;
        private final String mountPath;
        private final String path;

        ServletCall(HttpServletRequest request) {
            this.request = request;
            HttpServletMapping mapping = request.getHttpServletMapping();
            MappingMatch match = mapping == null ? MappingMatch.PATH : mapping.getMappingMatch();
            String context = request.getContextPath();
            String servletPath = request.getServletPath();
            String pathInfo = request.getPathInfo() == null ? "" : request.getPathInfo();
            if (match == MappingMatch.DEFAULT || match == MappingMatch.CONTEXT_ROOT) {
                this.mountPath = context;
                String within = servletPath + pathInfo;
                this.path = within.isEmpty() ? "/" : within;
            } else if (match == MappingMatch.PATH) {
                this.mountPath = context + servletPath;
                this.path = pathInfo;
            } else {
                throw new IllegalStateException("map the portal servlet as /prefix/* or /, not as " + mapping.getPattern());
            }
        }

        @Override
        public String method() {
            return request.getMethod().toUpperCase(Locale.ROOT);
        }

        @Override
        public String path() {
            return path;
        }

        @Override
        public Optional<String> header(String name) {
            return Optional.ofNullable(request.getHeader(Objects.requireNonNull(name, "name cannot be null")));
        }

        @Override
        public Optional<String> cookie(String name) {
            Objects.requireNonNull(name, "name cannot be null");
            List<String> lines = Collections.list(request.getHeaders("Cookie"));
            return Cookies.find(lines, name);
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return InetSocketAddress.createUnresolved(request.getRemoteAddr(), request.getRemotePort());
        }

        @Override
        public boolean secure() {
            return request.isSecure();
        }

        @Override
        public String rawPath() {
            return request.getRequestURI();
        }

        @Override
        public Optional<String> rawQuery() {
            return Optional.ofNullable(request.getQueryString());
        }

        @Override
        public InputStream body() {
            try {
                return request.getInputStream();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the request body", e);
            }
        }

        @Override
        public String mountPath() {
            return mountPath;
        }

        @Override
        public String toString() {
            return method() + " " + path;
        }
    }
}
