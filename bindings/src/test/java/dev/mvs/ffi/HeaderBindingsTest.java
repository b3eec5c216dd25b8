package dev.mvs.ffi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mvs.ffi.internal.mvs_native_h;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The committed header (native/include/mvs_native.h) and the generated bindings cannot drift: every
 * function the header declares has a static method of the same name and Java signature in
 * {@code mvs_native_h}, and the header's ABI version is the one the bindings were made from.
 */
class HeaderBindingsTest {

    private static final Pattern FUNCTION = Pattern.compile(
            "^([A-Za-z_][A-Za-z0-9_ ]*?[ *]+)(mvs_[a-z0-9_]+)\\(([^)]*)\\);", Pattern.MULTILINE);

    record CFunction(String name, Class<?> returns, List<Class<?>> params) {}

    @Test
    void everyHeaderFunctionHasABindingWithTheSameSignature() throws IOException {
        List<CFunction> functions = headerFunctions();
        assertTrue(functions.size() >= 16, "parsed only " + functions.size() + " functions from the header");
        List<String> problems = new ArrayList<>();
        for (CFunction f : functions) {
            Method method = binding(f.name(), f.params());
            if (method == null) {
                problems.add(f.name() + f.params().stream().map(Class::getSimpleName).toList() + ": no binding");
            } else if (method.getReturnType() != f.returns()) {
                problems.add(f.name() + ": returns " + method.getReturnType() + ", header says " + f.returns());
            }
        }
        assertEquals(List.of(), problems, "regenerate with bindings/jextract.sh");
    }

    @Test
    void headerAbiVersionIsTheBindingsOne() throws IOException {
        Matcher m = Pattern.compile("#define MVS_ABI_VERSION (\\d+)").matcher(header());
        assertTrue(m.find(), "MVS_ABI_VERSION missing from the header");
        assertEquals(Integer.parseInt(m.group(1)), mvs_native_h.MVS_ABI_VERSION());
    }

    private static Method binding(String name, List<Class<?>> params) {
        try {
            Method method = mvs_native_h.class.getMethod(name, params.toArray(Class<?>[]::new));
            return Modifier.isStatic(method.getModifiers()) ? method : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    static List<CFunction> headerFunctions() throws IOException {
        List<CFunction> functions = new ArrayList<>();
        Matcher m = FUNCTION.matcher(header());
        while (m.find()) {
            String params = m.group(3).strip();
            List<Class<?>> types = params.equals("void") || params.isEmpty()
                    ? List.of()
                    : Arrays.stream(params.split(",")).map(HeaderBindingsTest::parameterType).toList();
            functions.add(new CFunction(m.group(2), javaType(m.group(1)), types));
        }
        return functions;
    }

    /** A parameter "const char *uri" → its type without the name. */
    private static Class<?> parameterType(String param) {
        String p = param.strip();
        return javaType(p.substring(0, p.length() - p.replaceFirst("^.*?([A-Za-z_][A-Za-z0-9_]*)$", "$1").length()));
    }

    /** The Java carrier jextract uses for a C type. */
    private static Class<?> javaType(String cType) {
        String t = cType.strip().replaceFirst("^enum ", "");
        if (t.contains("*")) {
            return MemorySegment.class;
        }
        return switch (t) {
            case "void" -> void.class;
            case "int32_t", "uint32_t", "int", "mvs_status" -> int.class;
            case "int64_t", "uint64_t", "size_t" -> long.class;
            case "bool" -> boolean.class;
            default -> throw new AssertionError("header uses a C type this test does not map: '" + t + "'");
        };
    }

    private static String header() throws IOException {
        try (InputStream in = HeaderBindingsTest.class.getResourceAsStream("/header/mvs_native.h")) {
            if (in == null) {
                throw new AssertionError("header/mvs_native.h not on the test class path (see bindings/pom.xml)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
