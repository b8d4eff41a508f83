/**
 * What every module of Migomail Webhooks shares: {@link com.migomail.webhooks.WebhookException},
 * the unchecked root of the library's own failures. It ships in the signing jar, the module every
 * other one depends on.
 */
package com.migomail.webhooks;
