package dev.mvs.engine.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/**
 * The JSON the front ends print or send (engine-cli --format json, the MCP server): objects built as ordered maps,
 * written by Gson (nulls kept, no HTML escaping).
 */
public final class Json {

    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    private Json() {}

    public static String write(Object value) {
        return GSON.toJson(value);
    }

    /** An ordered object from key, value, key, value, ... */
    public static Map<String, Object> object(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values come in pairs");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /** {@code v} with exactly {@code decimals} decimals in the output (0.500000, as the documented schema shows). */
    public static BigDecimal fixed(double v, int decimals) {
        return BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP);
    }
}
