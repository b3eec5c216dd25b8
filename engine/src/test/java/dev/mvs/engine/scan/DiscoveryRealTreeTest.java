package dev.mvs.engine.scan;

import dev.mvs.engine.RealCorpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A real tree nobody wrote for this test: the Python standard library of this machine. */
class DiscoveryRealTreeTest {

    @Test
    void walksThePythonStandardLibrary() throws Exception {
        Path root = RealCorpora.pythonStdlib();
        List<DiscoveredFile> files = new ArrayList<>();
        List<SkippedFile> skipped = new ArrayList<>();
        new Discovery(Walked.isolated(root)).walk(root, files::add, skipped::add);

        assertTrue(files.size() > 500, "discovered " + files.size() + " files in " + root + "; skipped " + skipped.size());
        List<String> paths = files.stream().map(DiscoveredFile::path).toList();
        List<String> sorted = new ArrayList<>(paths);
        sorted.sort(null);
        assertEquals(sorted, paths, "sorted by path");
        assertEquals(paths.size(), paths.stream().distinct().count(), "no path twice");
        assertTrue(paths.contains("os.py"), "os.py is in every standard library");
        for (DiscoveredFile f : files) {
            assertTrue(encodesAsUtf8(f.path()) && !f.path().contains("\uFFFD")
                    && !f.path().startsWith("/") && !f.path().contains("__pycache__"), "path " + f.path());
            assertTrue(isUtf8(f.content()), "content of " + f.path());
            assertEquals(f.content().length, f.size());
        }
    }

    /** Strictly: a lone surrogate (a name Java could not decode) fails instead of becoming '?'. */
    private static boolean encodesAsUtf8(String text) {
        try {
            StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
