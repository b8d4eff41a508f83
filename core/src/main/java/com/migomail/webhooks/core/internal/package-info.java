/**
 * Implementation of the core module: the JSON codec, TypeID encoding and UUIDv7 generation.
 *
 * <p><strong>Unsupported:</strong> nothing in this package is API. It is not exported by the module
 * and may change in any release without notice; do not use its classes.
 */
package com.migomail.webhooks.core.internal;
