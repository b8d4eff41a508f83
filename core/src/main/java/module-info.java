/**
 * The Migomail webhook event model (12 types), TypeIDs, the wire JSON codec and the receiver
 * facade. Depends on Jackson (streaming API) internally; no Jackson type is part of the API.
 */
module com.migomail.webhooks.core {
    requires transitive com.migomail.webhooks.signing;
    requires com.fasterxml.jackson.databind;

    exports com.migomail.webhooks.core;
}
