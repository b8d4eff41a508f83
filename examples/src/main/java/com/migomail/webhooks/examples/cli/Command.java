package com.migomail.webhooks.examples.cli;

import java.util.Set;

/**
 * One subcommand of the command line. Implementations are stateless; {@link Main} handles
 * {@code --help}, usage errors and unexpected failures for all of them.
 */
public interface Command {

    /**
     * The name typed after the jar.
     *
     * @return the name, e.g. {@code sign}
     */
    String name();

    /**
     * One line for the list of commands.
     *
     * @return a one-line summary, without a newline
     */
    String summary();

    /**
     * The full usage text.
     *
     * @return the usage, ending with a newline
     */
    String usage();

    /**
     * Runs the command.
     *
     * @param args the arguments after the command name
     * @param terminal where to read and write
     * @return the exit status ({@link ExitCode})
     * @throws UsageException if the arguments are wrong; nothing has been written then
     */
    int run(Arguments args, Terminal terminal) throws UsageException;

    /**
     * The options that take a value.
     *
     * @return the option names, e.g. {@code --secret}
     */
    Set<String> valueOptions();

    /**
     * The options that take no value; none by default.
     *
     * @return the flag names, e.g. {@code --raw}
     */
    default Set<String> flagOptions() {
        return Set.of();
    }
}
