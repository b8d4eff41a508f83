package com.migomail.webhooks.spring.autoconfigure;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request refused while resolving a {@link VerifiedWebhook} argument, before the handler method
 * runs: {@code 401} (signature), {@code 400} (a verified body that is not an event) or {@code 413}
 * (body too large). The auto-configuration answers it as {@code application/problem+json} from
 * {@link #getBody()}; an application may handle it itself with an {@code @ExceptionHandler} of
 * higher precedence. The problem's {@code reason} property is machine-readable
 * ({@code NO_MATCHING_SIGNATURE}, {@code TIMESTAMP_TOO_OLD}, …, {@code INVALID_EVENT},
 * {@code BODY_TOO_LARGE}); nothing in it reveals a key or an expected signature.
 */
public class WebhookRejectedException extends ErrorResponseException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    /**
     * A refusal.
     *
     * @param status the answer's status
     * @param reason the machine-readable reason, also the problem's {@code reason} property
     * @param detail the problem's detail, for the sender's operator
     * @param cause what refused it, or null
     */
    public WebhookRejectedException(HttpStatus status, String reason, String detail, Throwable cause) {
        super(status, problem(status, reason, detail), cause);
        this.reason = reason;
    }

    /**
     * Why the request was refused.
     *
     * @return the reason, as in the problem's {@code reason} property
     */
    public String reason() {
        return reason;
    }

    private static ProblemDetail problem(HttpStatus status, String reason, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("about:blank"));
        problem.setProperty("reason", reason);
        return problem;
    }
}
