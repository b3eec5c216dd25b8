package dev.mvs.mcp;

import dev.mvs.engine.error.EngineException;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Turns a path an agent passes into the form the index stores: relative to the repository, '/'-separated.
 * Absolute paths inside the repository are accepted; anything that leads outside it is refused.
 */
record RepositoryPaths(Path repository) {

    RepositoryPaths {
        repository = repository.toAbsolutePath().normalize();
    }

    String indexed(String given) {
        if (given == null || given.isBlank()) {
            throw new EngineException.InvalidRequest("path is empty; give a path relative to the repository, as search results show it");
        }
        Path p;
        try {
            p = Path.of(given);
        } catch (InvalidPathException e) {
            throw new EngineException.InvalidRequest("not a path: " + given + " (" + e.getReason() + ")");
        }
        Path absolute = (p.isAbsolute() ? p : repository.resolve(p)).normalize();
        if (!absolute.startsWith(repository) || absolute.equals(repository)) {
            throw new EngineException.InvalidRequest(given + " is outside the repository " + repository
                    + "; give a path relative to it, as search results show it");
        }
        return repository.relativize(absolute).toString().replace('\\', '/');
    }
}
