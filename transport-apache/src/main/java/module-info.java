/**
 * An optional {@link com.migomail.webhooks.delivery.WebhookTransport} on Apache HttpClient 5 that
 * connects only to the addresses the sender's address policy checked.
 */
module com.migomail.webhooks.transport.apache {
    requires transitive com.migomail.webhooks.delivery;
    requires org.apache.httpcomponents.client5.httpclient5;
    requires org.apache.httpcomponents.core5.httpcore5;
    requires org.apache.httpcomponents.core5.httpcore5.h2;

    exports com.migomail.webhooks.transport.apache;
}
