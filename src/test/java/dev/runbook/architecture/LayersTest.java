package dev.runbook.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * The layers of README.md ("Layout"), and no package cycles, kept by a test on the compiled classes;
 * the same rules, run on a small fixture with a deliberate cycle and wrong-way arrows, show that
 * they catch one.
 */
class LayersTest {

    private static final String PROJECT = "dev.runbook";
    private static final String FIXTURE = "dev.runbook.architecture.fixture";

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(PROJECT);

    @Test
    void everyPackageKeepsToItsLayer() {
        Layers.of(PROJECT).check(MAIN);
    }

    @Test
    void packagesAreFreeOfCycles() {
        Layers.noCycles(PROJECT).check(MAIN);
    }

    @Test
    void aCycleBetweenPackagesIsCaught() {
        EvaluationResult result = Layers.noCycles(FIXTURE).evaluate(fixture());
        assertThat(result.hasViolation()).isTrue();
        assertThat(String.join("\n", result.getFailureReport().getDetails()))
                .contains("Cycle detected: Slice cli -> \n                Slice engine -> \n                Slice cli")
                .doesNotContain("Slice json");
    }

    @Test
    void aWrongWayArrowIsCaughtWithTheClassesThatDrawIt() {
        EvaluationResult result = Layers.of(FIXTURE).evaluate(fixture());
        String details = String.join("\n", result.getFailureReport().getDetails());
        // The engine reaching up into the CLI (which also closes a cycle) ...
        assertThat(details).contains("Method <" + FIXTURE + ".engine.Scheduler.run(" + FIXTURE + ".cli.RunVerb)> calls "
                + "method <" + FIXTURE + ".cli.RunVerb.name()> in (Scheduler.java:9)");
        // ... and a library reaching up into the model (no cycle: only the layers can see it).
        assertThat(details).contains("Method <" + FIXTURE + ".json.Writer.write(" + FIXTURE + ".model.Step)> has "
                + "parameter of type <" + FIXTURE + ".model.Step> in (Writer.java:0)");
        // The arrows that point down are allowed.
        assertThat(details).doesNotContain("<" + FIXTURE + ".cli.RunVerb.call()>");
        assertThat(result.getFailureReport().getDetails())
                .allMatch(line -> line.contains(".engine.Scheduler") || line.contains(".json.Writer"));
    }

    @Test
    void aPackageInNoLayerIsCaught() {
        EvaluationResult result = Layers.of(FIXTURE).evaluate(new ClassFileImporter().importPackages(FIXTURE));
        assertThat(String.join("\n", result.getFailureReport().getDetails()))
                .contains(FIXTURE + ".unplaced.Stray").contains("not contained in architecture");
    }

    /** The fixture's layered packages, without the package that belongs to no layer. */
    private static JavaClasses fixture() {
        return new ClassFileImporter().withImportOption(location -> !location.contains("/unplaced/"))
                .importPackages(FIXTURE);
    }
}
