/**
 * Optional OpenTelemetry tracing of Migomail webhook deliveries: a
 * {@link com.migomail.webhooks.delivery.DeliveryTracer} that stores the publishing trace context
 * with each event and makes every attempt a CLIENT span linked to it.
 */
module com.migomail.webhooks.opentelemetry {
    requires transitive com.migomail.webhooks.delivery;
    requires transitive io.opentelemetry.api;
    requires transitive io.opentelemetry.context;

    exports com.migomail.webhooks.opentelemetry;
}
