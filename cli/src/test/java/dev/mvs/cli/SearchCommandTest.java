package dev.mvs.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mvs.engine.report.Json;
import dev.mvs.engine.report.SearchJson;
import dev.mvs.engine.search.SearchHit;
import dev.mvs.engine.search.SearchMode;
import dev.mvs.engine.search.SearchResult;

import java.util.List;

import org.junit.jupiter.api.Test;

class SearchCommandTest {

    private final SearchResult result = new SearchResult(SearchMode.HYBRID, null,
            List.of(new SearchHit("src/A \"q\".java", 3, 9, "parse", "method", 0.5f, "int parse() {\n  return 1;", "h", List.of("b/A.java:3-9"))), 12);

    @Test
    void colourOnlyWhenAskedAndNeverInJson() {
        String plain = SearchCommand.text(result, new Colours(false));
        assertFalse(plain.contains("\033["), plain);
        assertTrue(plain.startsWith("src/A \"q\".java:3-9  score 0.5000  method parse  (same text in b/A.java:3-9)"), plain);
        assertTrue(SearchCommand.text(result, new Colours(true)).contains("\033[1;36m"));
        assertFalse(Json.write(SearchJson.of(result)).contains("\033["));
    }
}
