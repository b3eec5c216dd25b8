package dev.mvs.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.Test;

/**
 * The engine's packages depend on each other one way only (docs/architecture.md): scan → chunk;
 * index writes through store, search reads through store, admin above, report (their JSON) above
 * those; error at the bottom; the root package (Engine) above all. No cycles between packages, none against the arrows.
 */
class PackageDependenciesTest {

    private static final String ROOT = "dev.mvs.engine";

    /** What each package may use besides itself (and anything outside the engine). */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "error", Set.of(),
            "scan", Set.of("error"),
            "chunk", Set.of("scan", "error"),
            "embed", Set.of("error"),
            // store persists the values scan and chunk produce (Chunk rows, the skipped-file list)
            "store", Set.of("scan", "chunk", "error"),
            "index", Set.of("scan", "chunk", "embed", "store", "error"),
            "search", Set.of("embed", "store", "error"),
            "admin", Set.of("store", "scan", "error"), // status lists the skipped files (scan's SkippedFile)
            // the JSON of what index runs, searches and status return, shared by the CLI and the MCP server
            "report", Set.of("index", "search", "admin", "scan", "store", "error"),
            // a watch filters events by scan's rules and reports index runs; the root package makes the runs
            "watch", Set.of("scan", "index", "error"));

    private static JavaClasses production() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    }

    @Test
    void noCyclesBetweenPackages() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(production());
    }

    @Test
    void eachPackageUsesOnlyThoseBelowIt() {
        JavaClasses classes = production();
        for (Map.Entry<String, Set<String>> p : ALLOWED.entrySet()) {
            List<String> forbidden = new ArrayList<>();
            forbidden.add(ROOT); // the root package (Engine) is above everything
            for (String other : ALLOWED.keySet()) {
                if (!other.equals(p.getKey()) && !p.getValue().contains(other)) {
                    forbidden.add(ROOT + "." + other + "..");
                }
            }
            noClasses().that().resideInAPackage(ROOT + "." + p.getKey() + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
                    .because("docs/architecture.md: " + p.getKey() + " uses only " + p.getValue())
                    .check(classes);
        }
    }
}
