/**
 * The runnable examples: the {@code migomail-webhooks.jar} command line ({@code demo}, {@code portal}, {@code listen},
 * {@code sign}, {@code verify}) and the README's compiled examples. An application, not a library:
 * it exports nothing. The shaded jar runs on the class path ({@code java -jar}), where this
 * descriptor is left out.
 */
module com.migomail.webhooks.examples {
    requires com.migomail.webhooks.signing;
    requires com.migomail.webhooks.core;
    requires com.migomail.webhooks.delivery;
    requires com.migomail.webhooks.store.jdbc;
    requires com.migomail.webhooks.portal;
    requires java.net.http;
    requires jdk.httpserver;

    // Only the README's examples use these; the jar does not ship them (provided scope).
    requires static jakarta.servlet;
    requires static spring.beans;
    requires static spring.core;
    requires static spring.web;
    requires static com.zaxxer.hikari;
    requires static com.migomail.webhooks.micrometer;
    requires static micrometer.core;
    requires static com.migomail.webhooks.opentelemetry;
    requires static io.opentelemetry.api;
    requires static io.opentelemetry.context;
}
