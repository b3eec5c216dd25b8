package dev.mvs.ffi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mvs.ffi.internal.mvs_native_h;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The header and the Java side agree on what HeaderBindingsTest does not see: every constant and
 * status code, and the layout of every struct (size and each field's offset, computed here from
 * the header by C's rules for the field types it uses, against the generated layouts). A struct
 * changed in Rust and the header regenerated, but the bindings not, fails here.
 */
class AbiDriftTest {

    private static String header() throws IOException {
        try (InputStream in = AbiDriftTest.class.getResourceAsStream("/header/mvs_native.h")) {
            assertTrue(in != null, "the header is a test resource (bindings/pom.xml)");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** {@code #define MVS_X n} and {@code MVS_X = n,} enum members of the header. */
    private static Map<String, Long> constants(String header) {
        Map<String, Long> out = new LinkedHashMap<>();
        Matcher define = Pattern.compile("(?m)^#define (MVS_[A-Z0-9_]+) (-?\\d+)$").matcher(header);
        while (define.find()) {
            out.put(define.group(1), Long.parseLong(define.group(2)));
        }
        Matcher member = Pattern.compile("(?m)^\\s+(MVS_[A-Z0-9_]+) = (-?\\d+),?$").matcher(header);
        while (member.find()) {
            out.put(member.group(1), Long.parseLong(member.group(2)));
        }
        return out;
    }

    @Test
    void everyConstantAndStatusCodeOfTheHeaderIsTheBindingsOwn() throws Exception {
        Map<String, Long> constants = constants(header());
        assertTrue(constants.size() >= 20, "found the header's constants: " + constants);
        for (Map.Entry<String, Long> c : constants.entrySet()) {
            Method m = mvs_native_h.class.getMethod(c.getKey());
            assertEquals(c.getValue().longValue(), ((Number) m.invoke(null)).longValue(), c.getKey());
        }
    }

    @Test
    void theJavaTypesUseTheHeadersCodes() throws Exception {
        Map<String, Long> c = constants(header());
        for (Distance d : Distance.values()) {
            assertEquals(c.get("MVS_DISTANCE_" + d.name()).intValue(), d.code, d.name());
        }
        for (ScalarIndexKind k : ScalarIndexKind.values()) {
            assertEquals(c.get("MVS_SCALAR_INDEX_" + k.name()).intValue(), k.code, k.name());
        }
        for (VectorIndexSpec.Kind k : VectorIndexSpec.Kind.values()) {
            assertEquals(c.get("MVS_VECTOR_INDEX_" + k.name()).intValue(), k.code, k.name());
        }
        // Each MvsException type is built for exactly the status its own constant names.
        Map<String, Class<?>> byStatus = Map.ofEntries(Map.entry("MVS_STATUS_INVALID_ARGUMENT", MvsException.InvalidArgument.class),
                Map.entry("MVS_STATUS_NOT_FOUND", MvsException.NotFound.class), Map.entry("MVS_STATUS_ALREADY_EXISTS", MvsException.AlreadyExists.class),
                Map.entry("MVS_STATUS_COMMIT_CONFLICT", MvsException.CommitConflict.class), Map.entry("MVS_STATUS_IO", MvsException.Io.class),
                Map.entry("MVS_STATUS_CORRUPT", MvsException.Corrupt.class), Map.entry("MVS_STATUS_CANCELLED", MvsException.Cancelled.class),
                Map.entry("MVS_STATUS_NOT_SUPPORTED", MvsException.NotSupported.class), Map.entry("MVS_STATUS_INTERNAL", MvsException.Internal.class),
                Map.entry("MVS_STATUS_PANIC", MvsException.NativePanic.class), Map.entry("MVS_STATUS_TIMEOUT", MvsException.Timeout.class));
        for (Map.Entry<String, Long> e : c.entrySet()) {
            if (e.getKey().startsWith("MVS_STATUS_") && !e.getKey().equals("MVS_STATUS_OK")) {
                Class<?> type = byStatus.get(e.getKey());
                assertTrue(type != null, "an MvsException for " + e.getKey());
                MvsException built = MvsException.of(e.getValue().intValue(), "m");
                assertEquals(type, built.getClass(), e.getKey());
                assertEquals(e.getValue().intValue(), built.status(), e.getKey());
            }
        }
    }

    /** The header's structs: name → fields (type, name) in order. */
    private static Map<String, List<String[]>> structs(String header) {
        Map<String, List<String[]>> out = new LinkedHashMap<>();
        Matcher s = Pattern.compile("typedef struct (mvs_\\w+) \\{(.*?)\\} \\1;", Pattern.DOTALL).matcher(header);
        while (s.find()) {
            List<String[]> fields = new java.util.ArrayList<>();
            for (String line : s.group(2).split("\n")) {
                String code = line.replaceAll("/\\*.*?\\*/", "").replaceAll("//.*", "").strip();
                if (code.isEmpty()) {
                    continue;
                }
                Matcher f = Pattern.compile("(.+?)\\s*\\b(\\w+);").matcher(code);
                assertTrue(f.matches(), "a field the layout rules below know: " + code);
                fields.add(new String[] {f.group(1).strip(), f.group(2)});
            }
            out.put(s.group(1), fields);
        }
        return out;
    }

    /** Size (= alignment) of the field types the header uses, on LP64 (the only ABI built). */
    private static long sizeOf(String type) {
        if (type.endsWith("*")) {
            return 8;
        }
        return switch (type) {
            case "uint64_t", "int64_t", "size_t" -> 8;
            case "uint32_t", "int32_t", "float" -> 4;
            case "uint8_t", "int8_t" -> 1;
            default -> throw new AssertionError("a field type the layout rules do not know: " + type);
        };
    }

    @Test
    void everyStructLaysOutAsTheGeneratedLayoutSays() throws Exception {
        Map<String, List<String[]>> structs = structs(header());
        assertTrue(structs.size() >= 9, "found the header's structs: " + structs.keySet());
        for (Map.Entry<String, List<String[]>> s : structs.entrySet()) {
            GroupLayout layout = (GroupLayout) Class.forName("dev.mvs.ffi.internal." + s.getKey()).getMethod("layout").invoke(null);
            long offset = 0;
            long align = 1;
            for (String[] field : s.getValue()) {
                long size = sizeOf(field[0]);
                offset = (offset + size - 1) / size * size;
                assertEquals(offset, layout.byteOffset(MemoryLayout.PathElement.groupElement(field[1])), s.getKey() + "." + field[1]);
                offset += size;
                align = Math.max(align, size);
            }
            long size = (offset + align - 1) / align * align;
            assertEquals(size, layout.byteSize(), "sizeof(" + s.getKey() + ")");
            assertFalse(s.getValue().isEmpty(), s.getKey());
        }
    }
}
