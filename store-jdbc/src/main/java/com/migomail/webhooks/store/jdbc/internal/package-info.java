/**
 * Implementation of the JDBC store. Unsupported: do not use any of the classes in this package,
 * they change without notice.
 */
package com.migomail.webhooks.store.jdbc.internal;
