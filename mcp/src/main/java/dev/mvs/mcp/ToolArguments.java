package dev.mvs.mcp;

import dev.mvs.engine.error.EngineException;
import dev.mvs.engine.search.Filters;

import java.util.Map;

/**
 * A tool call's arguments, read by type. The SDK checks them against the tool's input schema first; these
 * checks give the same answer to a client that skips that, with a message naming the argument.
 */
record ToolArguments(Map<String, Object> values) {

    ToolArguments {
        values = values == null ? Map.of() : values;
    }

    String string(String name) {
        String s = optionalString(name);
        if (s == null || s.isBlank()) {
            throw new EngineException.InvalidRequest(name + " is required and must be a non-empty string");
        }
        return s;
    }

    /** The filters every search tool takes: language, path_glob, exclude_glob, kind (docs/mcp.md). */
    Filters filters() {
        return new Filters(optionalString("language"), optionalString("path_glob"), optionalString("exclude_glob"), optionalString("kind"));
    }

    /** The string, or null when absent (an empty string counts as absent). */
    String optionalString(String name) {
        Object v = values.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new EngineException.InvalidRequest(name + " must be a string, got " + v);
        }
        return s.isEmpty() ? null : s;
    }

    int integer(String name, int min, int max) {
        Integer v = optionalInteger(name, min, max);
        if (v == null) {
            throw new EngineException.InvalidRequest(name + " is required: a whole number from " + min);
        }
        return v;
    }

    int integer(String name, int fallback, int min, int max) {
        Integer v = optionalInteger(name, min, max);
        return v == null ? fallback : v;
    }

    Integer optionalInteger(String name, int min, int max) {
        Object v = values.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new EngineException.InvalidRequest(name + " must be a whole number, got " + v);
        }
        if (n.doubleValue() < min || n.doubleValue() > max) {
            throw new EngineException.InvalidRequest(name + " must be between " + min + " and " + max + ", got " + v);
        }
        return n.intValue();
    }

    boolean bool(String name, boolean fallback) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Boolean b)) {
            throw new EngineException.InvalidRequest(name + " must be true or false, got " + v);
        }
        return b;
    }
}
