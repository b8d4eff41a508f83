package com.migomail.webhooks.core.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.migomail.webhooks.core.EventFormatException;

/** Builds the {@link EventFormatException}s of the reader, with the field's dotted path. */
public final class FormatErrors {
    private FormatErrors() {}

    /**
     * The path of a field in a container.
     *
     * @param parent the container's path, empty for the envelope
     * @param name the field name
     * @return {@code parent.name}, or {@code name} at the top
     */
    public static String join(String parent, String name) {
        return parent.isEmpty() ? name : parent + '.' + name;
    }

    /**
     * A problem with one field.
     *
     * @param parent the container's path
     * @param name the field name
     * @param problem what is wrong
     * @return the exception to throw
     */
    public static EventFormatException at(String parent, String name, String problem) {
        return new EventFormatException(join(parent, name), problem, null);
    }

    /**
     * A value of the wrong JSON type, at the parser's current token.
     *
     * @param p the parser, on the offending value
     * @param parent the container's path
     * @param name the field name
     * @param expected what was expected, e.g. {@code a string}
     * @return the exception to throw
     */
    public static EventFormatException wrongType(JsonParser p, String parent, String name, String expected) {
        return at(parent, name, "expected " + expected + ", got " + describe(p.currentToken()));
    }

    /**
     * The token in words, for messages.
     *
     * @param token a value token
     * @return e.g. {@code a number}
     */
    public static String describe(JsonToken token) {
        switch (token) {
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "a number";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "a boolean";
            case VALUE_NULL:
                return "null";
            default:
                return token.name();
        }
    }
}
