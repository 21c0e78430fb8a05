package dev.runbook.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.library.dependencies.SliceRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;

/**
 * The project's layers, top to bottom, as rules over the packages under a root (the project's,
 * or a test fixture's). A layer may use the layers below it, never one above; every package must
 * be in a layer, so a new package is placed on purpose. README.md ("Layout") draws the same picture.
 */
final class Layers {

    static final String CLI = "Cli";
    static final String APPLICATION = "Application";
    static final String ADAPTERS = "Adapters";
    static final String ENGINE = "Engine";
    static final String PLANNING = "Planning";
    static final String ACTIONS = "Actions";
    static final String RECORDS = "Records";
    static final String MODEL = "Model";
    static final String LIBRARIES = "Libraries";

    private Layers() {
    }

    static LayeredArchitecture of(String root) {
        return layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
                .layer(CLI).definedBy(root + ".cli..")
                .layer(APPLICATION).definedBy(packages(root, "app", "fleet"))
                .layer(ADAPTERS).definedBy(packages(root, "console", "events", "recording"))
                .layer(ENGINE).definedBy(root + ".engine..")
                .layer(PLANNING).definedBy(packages(root, "plan", "validate", "parse", "schema"))
                .layer(ACTIONS).definedBy(root + ".action..")
                .layer(RECORDS).definedBy(packages(root, "journal", "report"))
                .layer(MODEL).definedBy(packages(root, "model", "spec"))
                .layer(LIBRARIES).definedBy(packages(root, "git", "sqlite", "files", "process", "alembic", "json",
                        "template", "yaml", "source", "values"))
                .whereLayer(CLI).mayNotBeAccessedByAnyLayer()
                .whereLayer(APPLICATION).mayOnlyBeAccessedByLayers(CLI)
                .whereLayer(ADAPTERS).mayOnlyBeAccessedByLayers(CLI, APPLICATION)
                .whereLayer(ENGINE).mayOnlyBeAccessedByLayers(CLI, APPLICATION, ADAPTERS)
                .whereLayer(PLANNING).mayOnlyBeAccessedByLayers(CLI, APPLICATION, ADAPTERS, ENGINE)
                .whereLayer(ACTIONS).mayOnlyBeAccessedByLayers(CLI, APPLICATION, ADAPTERS, ENGINE, PLANNING)
                .whereLayer(RECORDS).mayOnlyBeAccessedByLayers(CLI, APPLICATION, ADAPTERS, ENGINE, PLANNING, ACTIONS)
                .whereLayer(MODEL).mayOnlyBeAccessedByLayers(CLI, APPLICATION, ADAPTERS, ENGINE, PLANNING, ACTIONS,
                        RECORDS)
                .whereLayer(LIBRARIES).mayNotAccessAnyLayer()
                .ensureAllClassesAreContainedInArchitectureIgnoring(root);
    }

    /** No two top-level packages under {@code root} depend on each other, directly or round about. */
    static SliceRule noCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    private static String[] packages(String root, String... names) {
        String[] out = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = root + "." + names[i] + "..";
        }
        return out;
    }
}
