package dev.mvs.cli;

import dev.mvs.engine.Engine;
import dev.mvs.engine.embed.EmbeddingModel;
import dev.mvs.engine.embed.ModelFiles;

import java.util.ArrayList;
import java.util.List;

/** Which embedding models can be found on the class path, and the cache they are copied to. */
record ModelCheck(String description, String problem) {

    static ModelCheck run() {
        List<String> present = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        for (EmbeddingModel m : EmbeddingModel.ALL) {
            (m.available() ? present : absent).add(m.id());
        }
        String where = "; copied on first use to " + ModelFiles.defaultCacheDir();
        if (!Engine.DEFAULT_MODEL.available()) {
            return new ModelCheck("default model NOT on the class path" + (present.isEmpty() ? "" : " (found: " + String.join(", ", present) + ")"),
                    "the default model's jar " + Engine.DEFAULT_MODEL.artifact() + " is missing (rebuild with mvn package)");
        }
        return new ModelCheck(String.join(", ", present) + " on the class path"
                + (absent.isEmpty() ? "" : " (not: " + String.join(", ", absent) + ")") + where, null);
    }
}
