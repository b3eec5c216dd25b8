package dev.mvs.engine.scan;

import java.util.Locale;
import java.util.Map;

/** Maps a file name to the language the chunkers and search filters use, by its extension. */
public final class Languages {

    /** The language of every file whose extension is not listed. */
    public static final String TEXT = "text";

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("java", "java"),
            Map.entry("py", "python"),
            Map.entry("ts", "typescript"), Map.entry("tsx", "typescript"),
            Map.entry("js", "javascript"), Map.entry("jsx", "javascript"), Map.entry("mjs", "javascript"), Map.entry("cjs", "javascript"),
            Map.entry("go", "go"),
            Map.entry("rs", "rust"),
            Map.entry("c", "c"), Map.entry("h", "c"),
            Map.entry("cc", "cpp"), Map.entry("cpp", "cpp"), Map.entry("hpp", "cpp"), Map.entry("cxx", "cpp"),
            Map.entry("hh", "cpp"), Map.entry("hxx", "cpp"),
            Map.entry("cs", "csharp"),
            Map.entry("php", "php"),
            Map.entry("swift", "swift"),
            Map.entry("md", "markdown"), Map.entry("markdown", "markdown"),
            Map.entry("yml", "yaml"), Map.entry("yaml", "yaml"),
            Map.entry("json", "json"),
            Map.entry("toml", "toml"),
            Map.entry("xml", "xml"),
            Map.entry("sh", "shell"), Map.entry("bash", "shell"),
            Map.entry("kt", "kotlin"), Map.entry("kts", "kotlin"),
            Map.entry("scala", "scala"), Map.entry("sc", "scala"),
            Map.entry("rb", "ruby"));

    private Languages() {
    }

    /**
     * The language of {@code fileName} (a name or a '/'-separated path). The extension is compared
     * case-insensitively, so {@code README.MD} is markdown; a leading dot does not start an extension,
     * so {@code .json} alone is a hidden file named "json" and is text, as most editors treat it.
     */
    public static String of(String fileName) {
        String name = fileName.substring(fileName.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || dot == name.length() - 1) {
            return TEXT;
        }
        return BY_EXTENSION.getOrDefault(name.substring(dot + 1).toLowerCase(Locale.ROOT), TEXT);
    }
}
