/**
 * Optional OpenTelemetry tracing of Migomail webhook deliveries: a
 * {@link com.migomail.webhooks.delivery.DeliveryTracer} that stores the publishing trace context
 * with each event and makes every attempt a CLIENT span linked to it.
 */
// The OpenTelemetry jars are automatic modules (no module-info of their own), and the API takes their
// types, so a host's module must read them: transitive, with javac's note about automatic modules off.
@SuppressWarnings("requires-transitive-automatic")
module com.migomail.webhooks.opentelemetry {
    requires transitive com.migomail.webhooks.delivery;
    requires transitive io.opentelemetry.api;
    requires transitive io.opentelemetry.context;

    exports com.migomail.webhooks.opentelemetry;
}
