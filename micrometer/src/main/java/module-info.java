/**
 * Optional Micrometer metrics for the Migomail webhook sender: a listener for the sender's builder
 * and a backlog gauge bound to the sender.
 */
module com.migomail.webhooks.micrometer {
    requires transitive com.migomail.webhooks.delivery;
    requires transitive micrometer.core;
    requires org.slf4j;

    exports com.migomail.webhooks.micrometer;
}
