/**
 * The runnable examples: the {@code migomail-webhooks.jar} command line ({@code demo}, {@code listen},
 * {@code sign}, {@code verify}) and the README's compiled examples. An application, not a library:
 * it exports nothing. The shaded jar runs on the class path ({@code java -jar}), where this
 * descriptor is left out.
 */
module com.migomail.webhooks.examples {
    requires com.migomail.webhooks.signing;
    requires com.migomail.webhooks.core;
    requires com.migomail.webhooks.delivery;
    requires com.migomail.webhooks.store.jdbc;
    requires java.net.http;
    requires jdk.httpserver;
}
