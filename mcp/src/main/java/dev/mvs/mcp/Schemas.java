package dev.mvs.mcp;

/** JSON Schema pieces the tools share. */
final class Schemas {

    private Schemas() {}

    /** One search result, as search_code and find_similar return it. */
    static final String HIT = """
            {"type": "object",
             "properties": {
               "path": {"type": "string"}, "start_line": {"type": "integer"}, "end_line": {"type": "integer"},
               "symbol": {"type": "string"}, "kind": {"type": "string"}, "score": {"type": "number"},
               "snippet": {"type": "string"}, "also_in": {"type": "array", "items": {"type": "string"}}},
             "required": ["path", "start_line", "end_line", "symbol", "kind", "score", "snippet", "also_in"]}""";

    /** What search_code and find_similar return (SearchJson). */
    static final String RESULTS = """
            {"type": "object",
             "properties": {
               "mode": {"type": "string"}, "note": {"type": ["string", "null"]}, "ms": {"type": "integer"},
               "results": {"type": "array", "items": %s}},
             "required": ["mode", "note", "ms", "results"]}""".formatted(HIT);

    /** The filters search_code and find_similar take. */
    static final String FILTERS = """
            "language": {"type": "string", "description": "Only files of this language: java, python, rust, go, typescript, ..."},
            "path_glob": {"type": "string", "description": "Only paths matching this glob: * within a directory, ** across, ? one character. Example: src/main/**"},
            "exclude_glob": {"type": "string", "description": "Leave out paths matching this glob, e.g. **/test/**"},
            "kind": {"type": "string", "description": "Only chunks of this kind: class, interface, enum, function, method, constructor, imports, module, section, lines, ...; a chunk of merged small declarations lists its kinds (\\"class, function\\") and matches each"}""";
}
