/**
 * The {@code demo} command: a sender and a verifying receiver on 127.0.0.1, end to end. Example code,
 * not an API.
 */
package com.migomail.webhooks.examples.demo;
