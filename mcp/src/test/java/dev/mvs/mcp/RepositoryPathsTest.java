package dev.mvs.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mvs.engine.error.EngineException;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class RepositoryPathsTest {

    private final RepositoryPaths paths = new RepositoryPaths(Path.of("/work/repo"));

    @Test
    void pathsInsideTheRepositoryBecomeTheIndexedForm() {
        assertEquals("src/A.java", paths.indexed("src/A.java"));
        assertEquals("src/A.java", paths.indexed("./src/../src/A.java"));
        assertEquals("src/A.java", paths.indexed("/work/repo/src/A.java"));
    }

    @Test
    void pathsLeadingOutsideAreRefusedWithTheWayBack() {
        for (String outside : new String[] {"../etc/passwd", "/etc/passwd", "/work/repository-2/A.java", "src/../../x", "/work/repo", "."}) {
            EngineException.InvalidRequest e = assertThrows(EngineException.InvalidRequest.class, () -> paths.indexed(outside), outside);
            assertTrue(e.getMessage().contains("outside the repository /work/repo"), e.getMessage());
        }
        assertThrows(EngineException.InvalidRequest.class, () -> paths.indexed(" "));
        assertThrows(EngineException.InvalidRequest.class, () -> paths.indexed("a\0b"));
    }
}
