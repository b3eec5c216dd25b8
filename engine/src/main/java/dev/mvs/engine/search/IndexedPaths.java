package dev.mvs.engine.search;

import dev.mvs.engine.store.IndexSchemas;
import dev.mvs.engine.store.Sql;

/** Whether a path asked for by name (similar code, stored text) is in the index, and the answer when it is not. */
final class IndexedPaths {

    private IndexedPaths() {}

    static boolean known(OpenIndex index, String path) {
        return index.chunks().countRows(IndexSchemas.PATH + " = " + Sql.quote(path)) > 0;
    }

    static String unknown(String path) {
        return "no file " + path + " in the index (paths are relative to the repository, as search results show them)";
    }
}
