package com.migomail.webhooks.examples.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Entry point of {@code java -jar migomail-webhooks.jar <command> [options]}. The logic is in
 * {@link #run}, which returns the exit status instead of exiting, so it can be called in-process.
 * No stack trace reaches the user: usage errors print the usage (exit 2), anything unexpected prints
 * one line (exit 1).
 */
public final class Main {
    /** The subcommands, in the order the usage lists them. Add a new one here. */
    static final List<Command> COMMANDS = List.of(new DemoCommand(), new PortalCommand(), new ListenCommand(), new SignCommand(),
            new VerifyCommand());
    private static final String JAR = "java -jar migomail-webhooks.jar";
    private static final List<String> HELP = List.of("--help", "-h", "help");

    private Main() {}

    /**
     * Runs the command line and exits with its status.
     *
     * @param args the arguments, starting with the command name
     */
    public static void main(String[] args) {
        System.exit(run(args, new Terminal(System.in, System.out, System.err, System.getenv())));
    }

    /**
     * Runs the command line.
     *
     * @param args the arguments, starting with the command name
     * @param terminal where to read and write
     * @return the exit status ({@link ExitCode})
     */
    public static int run(String[] args, Terminal terminal) {
        if (args.length == 0) {
            terminal.err().print(usage());
            return ExitCode.USAGE;
        }
        if (HELP.contains(args[0])) {
            terminal.out().print(usage());
            return ExitCode.OK;
        }
        Optional<Command> command = COMMANDS.stream().filter(c -> c.name().equals(args[0])).findFirst();
        if (command.isEmpty()) {
            terminal.err().println("error: unknown command '" + args[0] + "'");
            terminal.err().print(usage());
            return ExitCode.USAGE;
        }
        return run(command.get(), Arrays.asList(args).subList(1, args.length), terminal);
    }

    /** Runs one command with its arguments (after the command name), as {@link #run(String[], Terminal)} does. */
    static int run(Command command, List<String> args, Terminal terminal) {
        if (args.stream().anyMatch(arg -> arg.equals("--help") || arg.equals("-h"))) {
            terminal.out().print(command.usage());
            return ExitCode.OK;
        }
        try {
            return command.run(Arguments.parse(args, command.valueOptions(), command.flagOptions()), terminal);
        } catch (UsageException e) {
            terminal.err().println("error: " + e.getMessage());
            terminal.err().print(command.usage());
            return ExitCode.USAGE;
        } catch (RuntimeException e) {
            // A bug or an environment problem: one line for the user, never a stack trace.
            terminal.err().println("error: " + command.name() + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            return ExitCode.REFUSED;
        }
    }

    /** The top-level usage, listing the commands. */
    static String usage() {
        StringBuilder usage = new StringBuilder("Usage: " + JAR + " <command> [options]\n\nCommands:\n");
        for (Command command : COMMANDS) {
            usage.append(String.format("  %-8s %s\n", command.name(), command.summary()));
        }
        return usage.append("\nRun '").append(JAR).append(" <command> --help' for the options of a command.\n")
                .append("Exit status: 0 success, 1 refused (signature, timestamp or body), 2 usage error.\n")
                .toString();
    }
}
