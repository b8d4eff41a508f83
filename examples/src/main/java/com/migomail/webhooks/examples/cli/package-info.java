/**
 * The {@code java -jar migomail-webhooks.jar} command line: {@link com.migomail.webhooks.examples.cli.Main}
 * dispatches to one {@link com.migomail.webhooks.examples.cli.Command} per subcommand. To add a
 * subcommand, implement {@code Command} and list it in {@code Main.COMMANDS}.
 */
package com.migomail.webhooks.examples.cli;
