package dev.mvs.engine.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** SQL text for Lance filters: quoted literals and IN-lists cut into bounded predicates. */
public final class Sql {

    /** Values per IN-list: one predicate per batch of paths, not one per file, and never a megabyte of SQL. */
    public static final int IN_LIST_MAX = 1_000;

    private Sql() {}

    public static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** {@code column IN (...)} predicates covering {@code values}, at most {@link #IN_LIST_MAX} values each. */
    public static List<String> inLists(String column, Collection<String> values) {
        return inLists(column, values, IN_LIST_MAX);
    }

    public static List<String> inLists(String column, Collection<String> values, int max) {
        List<String> out = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        int n = 0;
        for (String v : values) {
            sql.append(n == 0 ? column + " IN (" : ", ").append(quote(v));
            if (++n == max) {
                out.add(sql.append(')').toString());
                sql.setLength(0);
                n = 0;
            }
        }
        if (n > 0) {
            out.add(sql.append(')').toString());
        }
        return out;
    }
}
