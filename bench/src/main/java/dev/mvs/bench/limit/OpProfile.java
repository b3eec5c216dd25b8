package dev.mvs.bench.limit;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * ONNX Runtime's profile of a session (a Chrome trace), summed by operator: which kernels the model's
 * time goes to, after the runtime's graph fusions (so a fused attention or a quantised matmul shows
 * under its fused name).
 */
final class OpProfile {

    private OpProfile() {}

    /** Microseconds per operator type over every node's kernel time, largest first. */
    static Map<String, Double> microsByOperator(Path trace) throws IOException {
        Map<String, Double> byOp = new TreeMap<>();
        for (JsonElement e : JsonParser.parseString(Files.readString(trace, StandardCharsets.UTF_8)).getAsJsonArray()) {
            JsonObject event = e.getAsJsonObject();
            if (!"Node".equals(str(event, "cat")) || !str(event, "name").endsWith("_kernel_time")) {
                continue;
            }
            String op = event.getAsJsonObject("args").get("op_name").getAsString();
            byOp.merge(op, event.get("dur").getAsDouble(), Double::sum);
        }
        Map<String, Double> sorted = new LinkedHashMap<>();
        byOp.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).forEach(x -> sorted.put(x.getKey(), x.getValue()));
        return sorted;
    }

    private static String str(JsonObject o, String key) {
        JsonElement v = o.get(key);
        return v == null || v.isJsonNull() ? "" : v.getAsString();
    }
}
