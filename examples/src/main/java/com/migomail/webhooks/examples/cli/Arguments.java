package com.migomail.webhooks.examples.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parsed options: {@code --name value}, {@code --name=value} (for values starting with {@code --})
 * and flags. Positional arguments and unknown options are usage errors.
 */
public final class Arguments {
    private final Map<String, List<String>> values;
    private final Set<String> flags;

    private Arguments(Map<String, List<String>> values, Set<String> flags) {
        this.values = values;
        this.flags = flags;
    }

    /**
     * Parses the arguments against the options a command knows.
     *
     * @param args the arguments after the command name
     * @param valueOptions the options that take a value, such as {@code --secret}
     * @param flagOptions the options that take no value, such as {@code --raw}
     * @return the parsed options
     * @throws UsageException for an unknown option, a missing value or a positional argument
     */
    public static Arguments parse(List<String> args, Set<String> valueOptions, Set<String> flagOptions)
            throws UsageException {
        Map<String, List<String>> values = new LinkedHashMap<>();
        Set<String> flags = new HashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            int equals = arg.indexOf('=');
            String name = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
            if (flagOptions.contains(name) && name.equals(arg)) {
                flags.add(name);
            } else if (valueOptions.contains(name)) {
                String value = name.equals(arg) ? valueAfter(args, i++, valueOptions, flagOptions) : arg.substring(equals + 1);
                values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            } else {
                throw new UsageException(arg.startsWith("-") ? "unknown option " + name : "unexpected argument '" + arg + "'");
            }
        }
        return new Arguments(values, Set.copyOf(flags));
    }

    /**
     * Every value of a repeatable option, in order; empty if absent.
     *
     * @param option the option's name, such as {@code --secret}
     * @return the values in the order given; an empty list if the option is absent
     */
    public List<String> all(String option) {
        return List.copyOf(values.getOrDefault(option, List.of()));
    }

    /**
     * The values of an option that must appear at least once.
     *
     * @param option the option's name, such as {@code --secret}
     * @return the values in the order given, at least one
     * @throws UsageException if it is absent
     */
    public List<String> atLeastOne(String option) throws UsageException {
        if (!values.containsKey(option)) {
            throw new UsageException("missing " + option);
        }
        return all(option);
    }

    /**
     * The value of an option that must appear exactly once.
     *
     * @param option the option's name, such as {@code --secret}
     * @return the value
     * @throws UsageException if it is absent or repeated
     */
    public String required(String option) throws UsageException {
        return optional(option).orElseThrow(() -> new UsageException("missing " + option));
    }

    /**
     * The value of an option that may appear once.
     *
     * @param option the option's name, such as {@code --secret}
     * @return the value, or empty if the option is absent
     * @throws UsageException if it is repeated
     */
    public Optional<String> optional(String option) throws UsageException {
        List<String> given = all(option);
        if (given.size() > 1) {
            throw new UsageException(option + " may be given only once");
        }
        return given.stream().findFirst();
    }

    /**
     * Whether the flag was given.
     *
     * @param option the flag's name, such as {@code --raw}
     * @return {@code true} if the flag was given
     */
    public boolean flag(String option) {
        return flags.contains(option);
    }

    private static String valueAfter(List<String> args, int index, Set<String> valueOptions, Set<String> flagOptions)
            throws UsageException {
        String option = args.get(index);
        if (index + 1 >= args.size() || valueOptions.contains(args.get(index + 1)) || flagOptions.contains(args.get(index + 1))) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(index + 1);
    }
}
