package io.watchfloor.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Expands {@code ${VAR}} and {@code ${VAR:-default}} from an environment map; {@code $${} writes a
 * literal {@code ${}. The environment is passed in rather than read from System.getenv so that
 * tests are deterministic. Error texts name variables but never print values.
 */
final class Placeholders {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String FORMS = "expected ${NAME} or ${NAME:-default} (write $${ for a literal ${)";

    /**
     * @param value    the expanded text (partial when there are errors)
     * @param errors   one message per placeholder that could not be expanded
     * @param fromEnv  whether any placeholder was replaced, i.e. the text may hold values that are not in the file
     */
    record Result(String value, List<String> errors, boolean fromEnv) {
    }

    private Placeholders() {
    }

    static Result expand(String raw, Map<String, String> env) {
        StringBuilder out = new StringBuilder(raw.length());
        List<String> errors = new ArrayList<>();
        boolean fromEnv = false;
        int i = 0;
        while (i < raw.length()) {
            if (raw.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (raw.startsWith("${", i)) {
                int close = raw.indexOf('}', i + 2);
                if (close < 0) {
                    errors.add("unclosed placeholder \"${\"; " + FORMS);
                    break;
                }
                String inner = raw.substring(i + 2, close);
                int dash = inner.indexOf(":-");
                String name = dash < 0 ? inner : inner.substring(0, dash);
                if (!NAME.matcher(name).matches()) {
                    // Only the name part is quoted: a default after ":-" may be a literal credential.
                    errors.add("\"${" + name + (dash < 0 ? "}" : ":-...}") + "\" is not a valid placeholder; "
                            + "expected a variable name of letters, digits and '_', as in ${NAME} or ${NAME:-default}");
                } else {
                    String value = env.get(name);
                    // As in the shell, ":-" also applies when the variable is set but empty.
                    if (dash >= 0 && (value == null || value.isEmpty())) {
                        value = inner.substring(dash + 2);
                    }
                    if (value == null) {
                        errors.add("environment variable " + name + " is not set (set it, or give a default as in ${"
                                + name + ":-value})");
                    } else {
                        out.append(value);
                        fromEnv = true;
                    }
                }
                i = close + 1;
            } else {
                out.append(raw.charAt(i++));
            }
        }
        return new Result(out.toString(), List.copyOf(errors), fromEnv);
    }
}
