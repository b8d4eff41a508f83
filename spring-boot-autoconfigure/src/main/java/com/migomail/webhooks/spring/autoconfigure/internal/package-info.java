/**
 * Implementation of the Spring Boot auto-configuration. Not supported API: do not use any class of
 * this package, which may change in any release.
 */
package com.migomail.webhooks.spring.autoconfigure.internal;
