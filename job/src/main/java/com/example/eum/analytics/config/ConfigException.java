package com.example.eum.analytics.config;

import java.util.Collections;
import java.util.List;

/**
 * The configuration cannot be used. Lists every problem found (not just the first), each naming the property as the
 * user writes it ({@code Processing.windowSize}) and how to fix it, so one start-up attempt shows everything.
 */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(format(problems));
        this.problems = Collections.unmodifiableList(List.copyOf(problems));
    }

    /** One line per problem, e.g. {@code "Processing.windowSize: must be a positive duration like 5m; got '-3m'"}. */
    public List<String> problems() {
        return problems;
    }

    private static String format(List<String> problems) {
        StringBuilder sb = new StringBuilder("Invalid configuration (")
                .append(problems.size())
                .append(problems.size() == 1 ? " problem):" : " problems):");
        for (String p : problems) {
            sb.append("\n  - ").append(p);
        }
        return sb.toString();
    }
}
