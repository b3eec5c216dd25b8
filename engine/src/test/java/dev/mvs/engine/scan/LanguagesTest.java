package dev.mvs.engine.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

class LanguagesTest {

    @Test
    void mapsExtensions() {
        Map<String, String> expected = Map.ofEntries(
                Map.entry("A.java", "java"), Map.entry("a.py", "python"), Map.entry("a.ts", "typescript"), Map.entry("a.tsx", "typescript"),
                Map.entry("a.js", "javascript"), Map.entry("a.jsx", "javascript"), Map.entry("a.mjs", "javascript"),
                Map.entry("a.cjs", "javascript"), Map.entry("a.go", "go"), Map.entry("a.rs", "rust"), Map.entry("a.c", "c"),
                Map.entry("a.h", "c"), Map.entry("a.cc", "cpp"), Map.entry("a.cpp", "cpp"), Map.entry("a.hpp", "cpp"),
                Map.entry("a.cxx", "cpp"), Map.entry("README.md", "markdown"), Map.entry("a.yml", "yaml"), Map.entry("a.yaml", "yaml"),
                Map.entry("a.json", "json"), Map.entry("Cargo.toml", "toml"), Map.entry("pom.xml", "xml"), Map.entry("run.sh", "shell"),
                Map.entry("a.kt", "kotlin"), Map.entry("a.scala", "scala"), Map.entry("a.rb", "ruby"),
                Map.entry("a.hh", "cpp"), Map.entry("a.hxx", "cpp"), Map.entry("A.cs", "csharp"), Map.entry("a.php", "php"),
                Map.entry("A.swift", "swift"), Map.entry("run.bash", "shell"), Map.entry("build.gradle.kts", "kotlin"),
                Map.entry("a.sc", "scala"), Map.entry("NOTES.markdown", "markdown"), Map.entry("a.jsonc", "text"),
                Map.entry("a.zsh", "text"),
                Map.entry("src/dir.d/Main.java", "java"), Map.entry("types.d.ts", "typescript"), Map.entry("NOTES.MD", "markdown"),
                Map.entry("Makefile", "text"), Map.entry(".bashrc", "text"), Map.entry("dir.py/README", "text"),
                Map.entry("trailing.", "text"), Map.entry("a.txt", "text"), Map.entry("a.pyc", "text"));
        expected.forEach((name, language) -> assertEquals(language, Languages.of(name), name));
    }
}
