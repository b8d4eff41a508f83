package com.migomail.webhooks.portal.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.migomail.webhooks.portal.PortalAuthenticator;
import com.migomail.webhooks.portal.PortalRequest;
import com.migomail.webhooks.store.TenantId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portal's one handler, behind both adapters: routes the page, the login link, static files and
 * the JSON API; authenticates, checks CSRF, limits bodies, and puts the security headers on every
 * answer. Never throws: a failure is logged (method and path, never the query, which may hold a
 * magic-link token) and answered 500. Thread-safe.
 */
public final class PortalHandler {
    /** The largest request body accepted, in bytes. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    /** How much of a too large body is read and dropped before the 413, so the client gets to read it. */
    static final long MAX_DISCARDED_BYTES = 1024 * 1024;
    /** The longest query string accepted, in characters (servlet containers cap the whole request line near 8 KiB). */
    public static final int MAX_QUERY_LENGTH = 4096;
    /** The header that carries the session's CSRF token. */
    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** The session cookie's name. */
    public static final String SESSION_COOKIE = Sessions.COOKIE;

    private static final Logger LOG = LoggerFactory.getLogger(PortalHandler.class);
    private static final String API = "/api/v1/";
    private static final String ASSETS = "/assets/";
    private static final String HTML = "text/html; charset=utf-8";
    // An encoded slash, backslash or NUL: decoding would make "a%2Fb" one route segment in one adapter and two in another.
    private static final Pattern ENCODED_SEPARATOR = Pattern.compile("%(2[fF]|5[cC]|00)");
    private static final ObjectReader BODY_READER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .reader();

    private final PortalConfig config;
    private final Sessions sessions;
    private final MagicLinks magicLinks;
    private final PortalApi api;
    private final StaticFiles files = new StaticFiles();
    private final String contentSecurityPolicy;
    private final boolean publicUrlIsHttps;

    /**
     * A handler for these settings.
     *
     * @param config the portal's settings
     */
    public PortalHandler(PortalConfig config) {
        this.config = config;
        Signer signer = new Signer(config.signingKey());
        this.sessions = new Sessions(signer, config.clock(), config.sessionTtl());
        this.magicLinks = new MagicLinks(signer, config.clock());
        this.api = new PortalApi(config.sender(), config.clock(),
                StaticFiles.resource("/com/migomail/webhooks/portal/openapi.json"));
        this.contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors "
                + String.join(" ", config.frameAncestors());
        this.publicUrlIsHttps = config.publicUrl().map(url -> url.getScheme().equalsIgnoreCase("https")).orElse(false);
    }

    /**
     * The magic links of this portal.
     *
     * @return the issuer
     */
    public MagicLinks magicLinks() {
        return magicLinks;
    }

    /**
     * Answers one request.
     *
     * @param call the request
     * @return the answer, with the security headers
     */
    public HttpAnswer handle(HttpCall call) {
        boolean head = call.method().equals("HEAD");
        HttpAnswer answer;
        try {
            answer = route(call, head ? "GET" : call.method(), head);
        } catch (ProblemException problem) {
            answer = problem(problem);
        } catch (RuntimeException failure) {
            LOG.error("portal: {} {} failed", call.method(), call.path(), failure);
            answer = problem(500, "Internal Server Error", "the portal could not answer; the host's log has the details");
        }
        answer = secured(answer);
        return head ? answer.withoutBody() : answer;
    }

    private HttpAnswer route(HttpCall call, String method, boolean head) {
        String path = call.path();
        checkPath(call.rawPath(), path);
        if (call.rawQuery().map(String::length).orElse(0) > MAX_QUERY_LENGTH) {
            throw ProblemException.uriTooLong("query strings are at most " + MAX_QUERY_LENGTH + " characters");
        }
        if (path.isEmpty()) {
            // Relative links of the page resolve against the mount path only with its slash.
            return HttpAnswer.empty(308).withHeader("Location", call.mountPath() + "/");
        }
        if (path.startsWith(API)) {
            return api(call, method, path.substring(API.length()));
        }
        if (path.equals("/")) {
            requireGet(method);
            return page(call);
        }
        if (path.equals("/login")) {
            requireGet(method);
            return login(call, head);
        }
        if (path.startsWith(ASSETS)) {
            requireGet(method);
            return files.file(path.substring(ASSETS.length()))
                    .map(file -> new HttpAnswer(200, List.of(Map.entry("Content-Type", file.contentType()),
                            Map.entry("Cache-Control", "no-cache")), file.bytes()))
                    .orElseThrow(() -> ProblemException.notFound("no such file: " + path));
        }
        throw ProblemException.notFound("no such page: " + path);
    }

    /**
     * Refuses paths the adapters or their containers could read differently, or that could reach a
     * log line as something else: encoded separators, dot and empty segments, backslashes and
     * control characters. The message names none of the path.
     */
    private static void checkPath(String rawPath, String path) {
        boolean refused = ENCODED_SEPARATOR.matcher(rawPath).find() || path.indexOf('\\') >= 0
                || rawPath.contains("//") || path.contains("//") || path.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
        for (String segment : path.split("/", -1)) {
            refused |= segment.equals(".") || segment.equals("..");
        }
        if (refused) {
            throw ProblemException.badRequest("path", "has an encoded separator, a dot or empty segment, a backslash"
                    + " or a control character");
        }
    }

    private static void requireGet(String method) {
        if (!method.equals("GET")) {
            throw ProblemException.methodNotAllowed("GET, HEAD");
        }
    }

    private HttpAnswer page(HttpCall call) {
        Optional<Who> who = who(call);
        if (who.isEmpty()) {
            return serverPage(401, "no-session.html");
        }
        HttpAnswer page = files.file("index.html")
                .map(file -> new HttpAnswer(200, List.of(Map.entry("Content-Type", HTML)), file.bytes()))
                .orElseThrow(() -> ProblemException.notFound("the portal's page (index.html) is not in this build"));
        return withSessionCookie(page, who.get(), call);
    }

    private HttpAnswer login(HttpCall call, boolean head) {
        Optional<String> token = Query.parse(call.rawQuery()).all("token").stream().findFirst();
        Optional<TenantId> tenant = token.flatMap(head ? magicLinks::check : magicLinks::redeem);
        if (tenant.isEmpty()) {
            return serverPage(401, "login-failed.html");
        }
        if (head) {
            // HEAD never changes state: the link stays unused and no session is opened.
            return serverPage(200, "login.html");
        }
        return withSessionCookie(serverPage(200, "login.html"), new Who(sessions.open(tenant.get()), true), call);
    }

    private HttpAnswer serverPage(int status, String name) {
        HttpAnswer.Body body = files.file(name)
                .orElseThrow(() -> new IllegalStateException("the portal's page " + name + " is missing from its jar"))
                .bytes();
        return new HttpAnswer(status, List.of(Map.entry("Content-Type", HTML)), body);
    }

    private HttpAnswer api(HttpCall call, String method, String relativePath) {
        List<ApiRoute> routes = ApiRoute.matching(relativePath);
        if (routes.isEmpty()) {
            throw ProblemException.notFound("no such API route: " + call.path());
        }
        ApiRoute route = routes.stream().filter(r -> r.method().equals(method)).findFirst()
                .orElseThrow(() -> ProblemException.methodNotAllowed(allow(routes)));
        Who who = who(call).orElseThrow(() -> ProblemException.unauthorized(config.authenticator().isPresent()
                ? "not signed in to the platform"
                : "no valid session: open the portal with a link from the platform"));
        if (route.changesState()) {
            checkCsrf(call, who);
        }
        if (route == ApiRoute.OPENAPI) {
            return withSessionCookie(HttpAnswer.of(200, "application/json", api.openApi()), who, call);
        }
        Query query = Query.parse(call.rawQuery());
        Supplier<ObjectNode> body = () -> readBody(call);
        PortalApi.Result result = api.handle(route, new PortalApi.Call(who.session().tenant(), who.session(),
                sessions.csrfToken(who.session()), route.match(relativePath).orElseThrow(), query, body));
        HttpAnswer answer = result.json() == null
                ? HttpAnswer.empty(result.status())
                : HttpAnswer.of(result.status(), "application/json", json(result.json()));
        return withSessionCookie(answer, who, call);
    }

    private static String allow(List<ApiRoute> routes) {
        List<String> methods = new ArrayList<>();
        routes.forEach(route -> methods.add(route.method()));
        if (methods.contains("GET")) {
            methods.add(methods.indexOf("GET") + 1, "HEAD");
        }
        return String.join(", ", methods);
    }

    /** The session cookie the request carries, with its token header, must be the caller's. */
    private void checkCsrf(HttpCall call, Who who) {
        Optional<Sessions.Session> cookie = call.cookie(Sessions.COOKIE).flatMap(sessions::read);
        if (cookie.isEmpty() || !cookie.get().tenant().equals(who.session().tenant())) {
            throw ProblemException.forbidden("a change needs the session cookie; reload the page");
        }
        Optional<String> token = call.header(CSRF_HEADER);
        if (token.isEmpty() || !sessions.csrfMatches(cookie.get(), token.get())) {
            throw ProblemException.forbidden("a change needs the session's " + CSRF_HEADER + " header (from GET api/v1/session)");
        }
    }

    /**
     * The caller's session: with an authenticator, its tenant (keeping the cookie's session when it
     * is of that tenant, else a new one); without, the cookie's.
     */
    private Optional<Who> who(HttpCall call) {
        Optional<Sessions.Session> cookie = call.cookie(Sessions.COOKIE).flatMap(sessions::read);
        Optional<PortalAuthenticator> authenticator = config.authenticator();
        if (authenticator.isEmpty()) {
            return cookie.map(session -> new Who(session, false));
        }
        Optional<TenantId> tenant = authenticator.get().authenticate(new ReadOnlyRequest(call));
        if (tenant == null || tenant.isEmpty()) {
            return Optional.empty();
        }
        if (cookie.isPresent() && cookie.get().tenant().equals(tenant.get())) {
            return Optional.of(new Who(cookie.get(), false));
        }
        return Optional.of(new Who(sessions.open(tenant.get()), true));
    }

    private HttpAnswer withSessionCookie(HttpAnswer answer, Who who, HttpCall call) {
        if (!who.fresh()) {
            return answer;
        }
        return answer.withHeader("Set-Cookie",
                sessions.setCookie(who.session(), call.mountPath(), call.secure() || publicUrlIsHttps));
    }

    private ObjectNode readBody(HttpCall call) {
        Optional<String> length = call.header("Content-Length");
        if (length.isPresent()) {
            try {
                if (Long.parseLong(length.get().trim()) > MAX_BODY_BYTES) {
                    throw tooLarge(call);
                }
            } catch (NumberFormatException unreadable) {
                throw ProblemException.badRequest("Content-Length", "is not a number");
            }
        }
        byte[] bytes;
        try {
            bytes = call.body().readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw tooLarge(call);
        }
        Optional<String> contentType = call.header("Content-Type");
        if (bytes.length == 0 && contentType.isEmpty()) {
            return Views.object();
        }
        if (contentType.isEmpty() || !isJson(contentType.get())) {
            throw ProblemException.unsupportedMediaType("request bodies are JSON: send Content-Type: application/json"
                    + contentType.map(type -> ", not " + type).orElse(""));
        }
        if (bytes.length == 0) {
            return Views.object();
        }
        JsonNode node;
        try {
            node = BODY_READER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("body", "is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw ProblemException.badRequest("body", "must be a JSON object");
        }
        return object;
    }

    /**
     * The 413 for a body that is too large, after reading and dropping up to
     * {@link #MAX_DISCARDED_BYTES} of it: a server that answers and closes while the client is still
     * sending makes the client see a connection reset instead of the 413 (seen under load with the
     * JDK's server, which drains only 64 KiB itself).
     */
    private static ProblemException tooLarge(HttpCall call) {
        try {
            InputStream body = call.body();
            byte[] buffer = new byte[8192];
            long dropped = 0;
            int read;
            while (dropped < MAX_DISCARDED_BYTES && (read = body.read(buffer)) > 0) {
                dropped += read;
            }
        } catch (IOException gone) {
            // the client went away: the answer does not reach it either way
        }
        return ProblemException.tooLarge("request bodies are at most " + MAX_BODY_BYTES + " bytes");
    }

    private static boolean isJson(String contentType) {
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        if (!parts[0].trim().equals("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim().replace("\"", "");
            if (parameter.startsWith("charset=") && !parameter.equals("charset=utf-8")) {
                return false;
            }
        }
        return true;
    }

    private HttpAnswer problem(ProblemException problem) {
        ObjectNode node = Views.object();
        node.put("type", "about:blank");
        node.put("title", problem.title());
        node.put("status", problem.status());
        node.put("detail", problem.getMessage());
        if (!problem.errors().isEmpty()) {
            var errors = node.putArray("errors");
            problem.errors().forEach(error -> errors.addObject().put("field", error.field()).put("message", error.message()));
        }
        HttpAnswer answer = HttpAnswer.of(problem.status(), "application/problem+json", json(node));
        return problem.allow() == null ? answer : answer.withHeader("Allow", problem.allow());
    }

    private HttpAnswer problem(int status, String title, String detail) {
        ObjectNode node = Views.object();
        node.put("type", "about:blank");
        node.put("title", title);
        node.put("status", status);
        node.put("detail", detail);
        return HttpAnswer.of(status, "application/problem+json", json(node));
    }

    private HttpAnswer secured(HttpAnswer answer) {
        HttpAnswer secured = answer
                .withHeader("X-Content-Type-Options", "nosniff")
                .withHeader("Referrer-Policy", "no-referrer")
                .withHeader("Content-Security-Policy", contentSecurityPolicy);
        if (config.frameAncestors().equals(List.of("'none'"))) {
            secured = secured.withHeader("X-Frame-Options", "DENY");
        }
        if (answer.header("Cache-Control") == null) {
            secured = secured.withHeader("Cache-Control", "no-store");
        }
        return secured;
    }

    private static byte[] json(JsonNode node) {
        try {
            return Views.MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree did not write", e);
        }
    }

    /**
     * Who is asking.
     *
     * @param session the session (the cookie's, or a new one)
     * @param fresh whether the answer must set it as the cookie
     */
    private record Who(Sessions.Session session, boolean fresh) {}

    /** What the authenticator sees: the request without its body. */
    private record ReadOnlyRequest(HttpCall call) implements PortalRequest {
        @Override
        public String method() {
            return call.method();
        }

        @Override
        public String path() {
            return call.path();
        }

        @Override
        public Optional<String> header(String name) {
            return call.header(name);
        }

        @Override
        public Optional<String> cookie(String name) {
            return call.cookie(name);
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return call.remoteAddress();
        }

        @Override
        public boolean secure() {
            return call.secure();
        }

        @Override
        public String toString() {
            return call.method() + " " + call.path() + " from " + call.remoteAddress();
        }
    }
}
