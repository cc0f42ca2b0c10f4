package io.ganpoet.train.config;

import java.util.List;
import java.util.Locale;
import org.snakeyaml.engine.v2.exceptions.DuplicateKeyException;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** How configuration values are checked and how problems with them are worded. */
final class ConfigValues {

    private ConfigValues() {}

    /**
     * snakeyaml's report (several lines with a snippet and a caret) as one sentence: where, and what. A key
     * written twice says which, so the user knows which of the two to delete.
     */
    static String yamlProblem(String origin, YamlEngineException e) {
        if (!(e instanceof MarkedYamlEngineException marked)) {
            return origin + ": not valid YAML: " + firstLine(e.getMessage());
        }
        String at = marked.getProblemMark()
                .or(marked::getContextMark)
                .map(m -> " at line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1))
                .orElse("");
        String problem = marked.getProblem() == null
                ? firstLine(e.getMessage())
                : marked.getProblem().strip();
        if (e instanceof DuplicateKeyException && problem.startsWith(DUPLICATE_KEY)) {
            return origin + ": key '"
                    + problem.substring(DUPLICATE_KEY.length()).strip() + "' is written twice in the"
                    + " same map (again" + at + "); keep one of them";
        }
        String context = marked.getContext() == null || marked.getContext().isBlank()
                ? ""
                : marked.getContext().strip() + ", ";
        return origin + ": not valid YAML" + at + ": " + context + problem;
    }

    /** How snakeyaml-engine's {@link DuplicateKeyException} starts its problem text. */
    private static final String DUPLICATE_KEY = "found duplicate key";

    static Object coerce(ConfigKey key, Object value, String origin) {
        String where = origin + ": key '" + key.name() + "'";
        switch (key.type()) {
            case INT:
                if (!(value instanceof Integer || value instanceof Long)) {
                    throw new ConfigException(where + " must be an integer, got " + describe(value));
                }
                long n = ((Number) value).longValue();
                if (n < key.min() || n > key.max()) {
                    throw new ConfigException(
                            where + " must be in [" + fmt(key.min()) + ", " + fmt(key.max()) + "], got " + n);
                }
                return (int) n;
            case DOUBLE:
                if (!(value instanceof Number)) {
                    throw new ConfigException(where + " must be a number, got " + describe(value));
                }
                double d = ((Number) value).doubleValue();
                if (!(d >= key.min() && d <= key.max())) {
                    throw new ConfigException(
                            where + " must be in [" + fmt(key.min()) + ", " + fmt(key.max()) + "], got " + d);
                }
                return d;
            case ENUM:
                String choice = String.valueOf(value).toLowerCase(Locale.ROOT);
                if (!key.choices().contains(choice)) {
                    throw new ConfigException(where + " must be one of " + key.choices() + ", got " + describe(value));
                }
                return choice;
            default:
                if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                    throw new ConfigException(where + " must be text, got " + describe(value));
                }
                return String.valueOf(value);
        }
    }

    static String describe(Object value) {
        if (value instanceof String s) {
            return "'" + s + "'";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        return String.valueOf(value);
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.strip().lines().findFirst().orElse("unreadable");
        return line.length() > 120 ? line.substring(0, 117) + "..." : line;
    }
}
