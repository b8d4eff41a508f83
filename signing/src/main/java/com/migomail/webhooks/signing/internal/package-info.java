/**
 * Implementation details of the signing module. Unsupported: not exported, may change in any
 * release without notice. Do not use any of the classes in this package.
 */
package com.migomail.webhooks.signing.internal;
