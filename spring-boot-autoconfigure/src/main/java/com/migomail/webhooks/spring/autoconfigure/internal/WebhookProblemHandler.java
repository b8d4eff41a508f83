package com.migomail.webhooks.spring.autoconfigure.internal;

import com.migomail.webhooks.spring.autoconfigure.WebhookRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers a {@link WebhookRejectedException} with its problem as {@code application/problem+json},
 * whatever the application's own problem-details setting, and logs it at debug level (anyone can
 * POST to a webhook URL, so refusals are not warnings). An application's own handler of higher
 * precedence wins.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 100)
public class WebhookProblemHandler {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookProblemHandler.class);

    /** Used by Spring. */
    public WebhookProblemHandler() {
    }

    /**
     * The problem answer.
     *
     * @param rejected the refusal
     * @return its status and problem
     */
    @ExceptionHandler(WebhookRejectedException.class)
    public ResponseEntity<ProblemDetail> rejected(WebhookRejectedException rejected) {
        LOG.debug("webhook request refused: {}", rejected.getBody().getDetail(), rejected.getCause());
        return ResponseEntity.status(rejected.getStatusCode())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(rejected.getBody());
    }
}
