package dev.mvs.engine.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class KeywordSearchTest {

    @Test
    void snippetStartsJustBeforeTheFirstLineWithAQueryWord() {
        String content = "a\nb\nc\nint parseHeaders() {\nd\ne\nf\n";
        assertEquals("c\nint parseHeaders() {\nd\ne", ChunkRows.snippet(content, "PARSE headers"));
        assertEquals("a\nb\nc\nint parseHeaders() {", ChunkRows.snippet(content, "nothing"));
    }

    @Test
    void globsBecomeLikePatternsWithSqlQuotingAndEscapes() {
        assertEquals("java.base/%/locks/%.java", PathGlob.toLike("java.base/**/locks/*.java"));
        assertEquals("it''s\\_a\\%_", PathGlob.toLike("it's_a%?"));
    }
}
