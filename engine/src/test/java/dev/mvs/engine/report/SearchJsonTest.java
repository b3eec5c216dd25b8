package dev.mvs.engine.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mvs.engine.search.SearchHit;
import dev.mvs.engine.search.SearchMode;
import dev.mvs.engine.search.SearchResult;

import java.util.List;

import org.junit.jupiter.api.Test;

class SearchJsonTest {

    @Test
    void followsTheDocumentedSchema() {
        SearchResult result = new SearchResult(SearchMode.HYBRID, null,
                List.of(new SearchHit("src/A \"q\".java", 3, 9, "parse", "method", 0.5f, "int parse() {\n  return 1;", "h", List.of("b/A.java:3-9"))), 12);
        assertEquals("{\"mode\":\"hybrid\",\"note\":null,\"ms\":12,\"results\":[{\"path\":\"src/A \\\"q\\\".java\",\"start_line\":3,\"end_line\":9,"
                + "\"symbol\":\"parse\",\"kind\":\"method\",\"score\":0.500000,\"snippet\":\"int parse() {\\n  return 1;\",\"also_in\":[\"b/A.java:3-9\"]}]}",
                Json.write(SearchJson.of(result)));
    }
}
