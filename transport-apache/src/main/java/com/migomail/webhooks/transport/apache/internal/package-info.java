/**
 * Implementation of the Apache HttpClient 5 transport. Unsupported: not exported, may change at any
 * time; use {@link com.migomail.webhooks.transport.apache} instead.
 */
package com.migomail.webhooks.transport.apache.internal;
