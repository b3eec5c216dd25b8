package dev.mvs.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mvs.engine.error.EngineException;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ToolArgumentsTest {

    private final ToolArguments args = new ToolArguments(Map.of("query", "lock", "limit", 12, "big", 70, "half", 2.5, "flag", true,
            "empty", "", "number", 3));

    @Test
    void valuesAreReadByTypeWithDefaultsForAbsentOnes() {
        assertEquals("lock", args.string("query"));
        assertEquals(12, args.integer("limit", 10, 1, 50));
        assertEquals(10, args.integer("absent", 10, 1, 50));
        assertNull(args.optionalString("empty"), "an empty string counts as absent");
        assertTrue(args.bool("flag", false));
        assertEquals(12, new ToolArguments(Map.of("limit", 12.0)).integer("limit", 1, 1, 50), "JSON has one number type");
        assertEquals(0, new ToolArguments(null).values().size());
    }

    @Test
    void wrongTypesAndRangesNameTheArgument() {
        assertMessage("big must be between 1 and 50, got 70", () -> args.integer("big", 10, 1, 50));
        assertMessage("half must be a whole number, got 2.5", () -> args.integer("half", 10, 1, 50));
        assertMessage("number must be a string, got 3", () -> args.optionalString("number"));
        assertMessage("query must be true or false, got lock", () -> args.bool("query", false));
        assertMessage("empty is required and must be a non-empty string", () -> args.string("empty"));
        assertMessage("start_line is required: a whole number from 1", () -> args.integer("start_line", 1, 100));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        assertEquals(expected, assertThrows(EngineException.InvalidRequest.class, call).getMessage());
    }
}
