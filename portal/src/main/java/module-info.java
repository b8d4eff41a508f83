/**
 * The portal: an embeddable web page and JSON API where each customer of the host manages their
 * webhook endpoints, reads the delivery log and replays, on top of a
 * {@code com.migomail.webhooks.delivery.WebhookSender}. Served by a Jakarta Servlet (when the
 * container provides the Servlet API) or by the JDK's HTTP server.
 */
module com.migomail.webhooks.portal {
    requires transitive com.migomail.webhooks.delivery;
    requires com.fasterxml.jackson.databind;
    requires jdk.httpserver;
    requires org.slf4j;
    requires static transitive jakarta.servlet;

    exports com.migomail.webhooks.portal;
}
