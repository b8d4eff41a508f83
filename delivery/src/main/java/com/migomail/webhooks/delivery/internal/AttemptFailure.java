package com.migomail.webhooks.delivery.internal;

import java.util.Objects;

/**
 * A failure the sender itself diagnosed before sending (an address refused by the policy, a DNS
 * lookup that timed out or found no free thread), with the text the attempt log records: written
 * for the endpoint's owner, who reads the log, so it names no address the host resolved to. The
 * cause is the underlying error, whose class the log records and whose detail stays in the
 * server's own log.
 */
final class AttemptFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AttemptFailure(String recordedText, Throwable cause) {
        super(recordedText, Objects.requireNonNull(cause, "cause cannot be null"), false, false);
    }
}
