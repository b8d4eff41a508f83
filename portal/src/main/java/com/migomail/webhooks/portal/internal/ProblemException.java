package com.migomail.webhooks.portal.internal;

import java.util.List;
import java.util.Objects;

/**
 * Ends a request with an RFC 9457 problem answer: thrown by the routes for bad input, unknown ids,
 * refused access and conflicts, rendered by the {@link PortalHandler}.
 */
public final class ProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * One field a 400 answer names.
     *
     * @param field the field's name or path, e.g. {@code url}, {@code eventTypes[1]}, {@code limit}
     * @param message what is wrong with it
     */
    public record FieldError(String field, String message) {
        /**
         * Validates.
         *
         * @param field the field
         * @param message the message
         */
        public FieldError {
            Objects.requireNonNull(field, "field cannot be null");
            Objects.requireNonNull(message, "message cannot be null");
        }
    }

    private final int status;
    private final String title;
    private final transient List<FieldError> errors;
    private final String allow;

    private ProblemException(int status, String title, String detail, List<FieldError> errors, String allow) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.allow = allow;
    }

    static ProblemException badRequest(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    static ProblemException invalid(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid; see errors";
        return new ProblemException(400, "Bad Request", detail, errors, null);
    }

    static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not Found", detail, List.of(), null);
    }

    static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "Unauthorized", detail, List.of(), null);
    }

    static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail, List.of(), null);
    }

    static ProblemException methodNotAllowed(String allow) {
        return new ProblemException(405, "Method Not Allowed", "this route answers " + allow, List.of(), allow);
    }

    static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail, List.of(), null);
    }

    static ProblemException tooLarge(String detail) {
        return new ProblemException(413, "Content Too Large", detail, List.of(), null);
    }

    static ProblemException uriTooLong(String detail) {
        return new ProblemException(414, "URI Too Long", detail, List.of(), null);
    }

    static ProblemException unsupportedMediaType(String detail) {
        return new ProblemException(415, "Unsupported Media Type", detail, List.of(), null);
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the status's title */
    public String title() {
        return title;
    }

    /** @return the fields named (400 only) */
    public List<FieldError> errors() {
        return errors;
    }

    /** @return the Allow header's value (405 only), or null */
    public String allow() {
        return allow;
    }
}
