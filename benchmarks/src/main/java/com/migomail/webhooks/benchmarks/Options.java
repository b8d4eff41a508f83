package com.migomail.webhooks.benchmarks;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code --name value} command-line options with defaults. Not thread-safe; used by one main thread. */
final class Options {

    private final Map<String, String> values = new HashMap<>();

    private Options() {}

    /**
     * Parses {@code --name value} pairs.
     *
     * @param known the accepted names, without {@code --}
     * @throws IllegalArgumentException for an unknown name or a name without value
     */
    static Options parse(String[] args, Set<String> known) {
        Options options = new Options();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!known.contains(name) || i + 1 >= args.length) {
                throw new IllegalArgumentException("bad option " + args[i] + "; known: --" + String.join(", --", known));
            }
            options.values.put(name, args[i + 1]);
        }
        return options;
    }

    int intValue(String name, int defaultValue) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : defaultValue;
    }

    double doubleValue(String name, double defaultValue) {
        return values.containsKey(name) ? Double.parseDouble(values.get(name)) : defaultValue;
    }

    String value(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }
}
