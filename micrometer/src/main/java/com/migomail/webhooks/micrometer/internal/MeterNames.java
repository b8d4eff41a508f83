package com.migomail.webhooks.micrometer.internal;

/** The meter names, tag keys and fixed tag values, in one place for the listener, the gauge and the javadoc. */
final class MeterNames {
    static final String PUBLISHED = "webhooks.published";
    static final String ATTEMPTS = "webhooks.attempts";
    static final String DELIVERIES_COMPLETED = "webhooks.deliveries.completed";
    static final String LAG = "webhooks.delivery.lag";
    static final String BACKLOG = "webhooks.backlog";
    static final String IN_FLIGHT = "webhooks.in_flight";
    static final String ENDPOINTS_DISABLED = "webhooks.endpoints.disabled";

    static final String TYPE = "type";
    static final String OUTCOME = "outcome";
    static final String STATUS_CLASS = "status_class";
    static final String REASON = "reason";
    static final String TENANT = "tenant";
    static final String ENDPOINT = "endpoint";

    static final String SUCCESS = "success";
    static final String RETRY = "retry";
    static final String FAILED = "failed";
    static final String GONE = "gone";
    static final String SKIPPED = "skipped";

    private MeterNames() {}
}
