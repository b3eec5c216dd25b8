package dev.mvs.engine.scan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Decides whether a symbolic link may be followed, from real paths, so the walk stays inside the
 * repository and always ends.
 *
 * <p>A directory link is not followed when its target contains a directory being walked (following it
 * would recurse forever), lies inside a target already followed through another link, or was already
 * walked at its own place earlier in the walk's order (the walk is sorted, so "earlier" is a string
 * comparison). All three are reported as {@link SkippedFile.Reason#SYMLINK_LOOP}. The last two checks
 * need no set of every directory visited, which keeps memory proportional to depth plus links followed.
 * A link to a directory whose own place comes <em>later</em> is followed, and that directory is then
 * walked a second time at its own place; that duplicate is bounded and each copy has its own path.
 */
final class SymlinkGuard {

    private final Path rootReal;
    private final List<Path> followed = new ArrayList<>();

    SymlinkGuard(Path rootReal) {
        this.rootReal = rootReal;
    }

    /** Null when the link {@code path} to the file {@code target} may be read, else why not. */
    SkippedFile checkFile(String path, Path target) {
        return target.startsWith(rootReal) ? null : outside(path, target);
    }

    /**
     * Null when the link {@code path} to the directory {@code target} may be walked, else why not.
     *
     * @param containsWalked whether a real path is, or is an ancestor of, a directory being walked now
     */
    SkippedFile checkDirectory(String path, Path target, Predicate<Path> containsWalked) {
        if (!target.startsWith(rootReal)) {
            return outside(path, target);
        }
        String own = relative(target);
        if (containsWalked.test(target)) {
            return loop(path, "points to '" + own + "', an ancestor of the directory being walked");
        }
        for (Path earlier : followed) {
            if (target.startsWith(earlier)) {
                return loop(path, "points into '" + relative(earlier) + "', already walked through another link");
            }
        }
        if ((own + '/').compareTo(path + '/') < 0) {
            return loop(path, "points to '" + own + "', which comes earlier in the walk (walked or excluded there)");
        }
        return null;
    }

    /** Records that the walk follows a link into {@code target}. */
    void followed(Path target) {
        followed.add(target);
    }

    private String relative(Path target) {
        Path relative = rootReal.relativize(target);
        List<String> names = new ArrayList<>();
        relative.forEach(name -> names.add(name.toString()));
        return names.isEmpty() || relative.toString().isEmpty() ? "." : String.join("/", names);
    }

    private static SkippedFile outside(String path, Path target) {
        return new SkippedFile(path, SkippedFile.Reason.SYMLINK_OUTSIDE_REPO, "points outside the repository to " + target);
    }

    private static SkippedFile loop(String path, String detail) {
        return new SkippedFile(path, SkippedFile.Reason.SYMLINK_LOOP, detail);
    }
}
