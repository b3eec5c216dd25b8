import dev.mvs.engine.Engine;
import dev.mvs.engine.search.*;
import java.nio.file.*;
import java.util.*;

/** Top-10 semantic hits (path:lines) of fixed questions, one line per question, to diff two native libraries. */
public class SemanticTopTen {
    public static void main(String[] a) throws Exception {
        List<String> qs = List.of("concurrent hash map resize", "parse json string", "http request headers", "thread pool executor shutdown",
                "read file lines", "regular expression match", "sort a list by key", "socket timeout", "base64 encode", "date time format",
                "lock free queue", "zip file entries", "url encode query", "xml parser sax", "random number generator seed",
                "string builder append", "tls handshake", "garbage collection weak reference", "unicode normalization", "priority queue heap",
                "hash map get put", "linked hash map access order", "tree map red black", "hash table rehash", "identity hash map");
        try (Engine engine = Engine.start(2); Searcher s = engine.searcher(Path.of(a[0]))) {
            for (String q : qs) {
                SearchResult r = s.search(SearchRequest.of(q, 10).withMode(SearchMode.SEMANTIC));
                StringBuilder b = new StringBuilder(q).append(" ->");
                for (var h : r.hits()) b.append(' ').append(h.path()).append(':').append(h.startLine());
                System.out.println(b);
            }
        }
    }
}
