/**
 * The implementation of the Micrometer metrics. Not supported API: anything here may change or go
 * away in any release.
 */
package com.migomail.webhooks.micrometer.internal;
