/**
 * The runnable examples: the {@code migomail-webhooks.jar} command line ({@code sign},
 * {@code verify}) and the demo. An application, not a library: it exports nothing. The shaded jar
 * runs on the class path ({@code java -jar}), where this descriptor is left out.
 */
module com.migomail.webhooks.examples {
    requires com.migomail.webhooks.signing;
    requires com.migomail.webhooks.core;
}
