package dev.mvs.bench;

import dev.mvs.engine.search.SearchHit;
import dev.mvs.engine.search.SearchMode;
import dev.mvs.engine.search.SearchRequest;
import dev.mvs.engine.search.Searcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-written relevance set (bench/relevance/*.tsv): a question a developer would ask and the file
 * that answers it, as a path suffix. hit@k: the answer is among the top k results (or their
 * "also in" duplicates).
 */
public record RelevanceSet(String name, List<Question> questions) {

    public record Question(String text, String answer) {}

    /** hit@1 and hit@5 of one search mode, and the questions it missed in its top 5. */
    public record Score(SearchMode mode, int hit1, int hit5, int questions, List<String> missed) {
        public double hit1Rate() {
            return hit1 / (double) questions;
        }

        public double hit5Rate() {
            return hit5 / (double) questions;
        }
    }

    public static RelevanceSet read(Path file) throws IOException {
        List<Question> set = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.startsWith("#") && line.contains("\t")) {
                String[] parts = line.split("\t", 2);
                set.add(new Question(parts[0], parts[1].strip()));
            }
        }
        if (set.isEmpty()) {
            throw new IOException(file + " has no questions");
        }
        String name = file.getFileName().toString().replaceFirst("\\.tsv$", "");
        return new RelevanceSet(name, List.copyOf(set));
    }

    public Score score(Searcher searcher, SearchMode mode) throws IOException {
        int hit5 = 0;
        int hit1 = 0;
        List<String> missed = new ArrayList<>();
        for (Question q : questions) {
            int rank = rank(searcher.search(SearchRequest.of(q.text(), 5).withMode(mode)).hits(), q.answer());
            if (rank == 0) {
                hit1++;
            }
            if (rank >= 0) {
                hit5++;
            } else {
                missed.add(q.text());
            }
        }
        return new Score(mode, hit1, hit5, questions.size(), missed);
    }

    /** The place of the first hit that answers, or -1. */
    public static int rank(List<SearchHit> hits, String answer) {
        for (int i = 0; i < hits.size(); i++) {
            if (matches(hits.get(i), answer)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean matches(SearchHit hit, String answer) {
        if (endsWithFile(hit.path(), answer)) {
            return true;
        }
        for (String other : hit.alsoIn()) {
            if (endsWithFile(other.substring(0, other.lastIndexOf(':')), answer)) {
                return true;
            }
        }
        return false;
    }

    /** "a/copy.py" answers "copy.py", "a/deepcopy.py" does not. */
    private static boolean endsWithFile(String path, String answer) {
        return path.equals(answer) || path.endsWith("/" + answer);
    }
}
