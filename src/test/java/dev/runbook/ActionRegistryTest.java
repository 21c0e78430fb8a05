package dev.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.action.ActionRegistry;
import dev.runbook.action.ActionSpec;
import dev.runbook.source.Problems;
import dev.runbook.spec.Field;
import dev.runbook.spec.FormatSpec;
import dev.runbook.spec.TypeChecker;
import dev.runbook.yaml.Node;
import dev.runbook.yaml.YamlLoader;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The declarations are complete and their own examples pass their own types. */
class ActionRegistryTest {

    static Stream<ActionSpec> actions() {
        return ActionRegistry.builtIn().all().stream();
    }

    @Test
    void registryHasTheFormatDocsFirstTable() {
        assertThat(ActionRegistry.builtIn().names()).contains("exec", "process.stop", "process.start", "http.check",
                "backup.create", "backup.verify", "backup.restore", "file.restore", "forensics.collect",
                "sqlite.backup", "sqlite.restore", "sqlite.integrity", "sqlite.query", "alembic.current",
                "alembic.downgrade", "alembic.upgrade", "git.status", "git.tag", "git.checkout", "git.reset",
                "git.restore", "disk.check", "report.render", "assert", "wait", "confirm");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("actions")
    void everyParameterIsDescribedWithAnExampleOfItsOwnType(ActionSpec spec) {
        assertThat(spec.description()).isNotBlank();
        for (Field field : spec.params()) {
            assertThat(field.description()).as(spec.name() + "." + field.name()).isNotBlank();
            assertThat(exampleProblems(field)).as(spec.name() + "." + field.name() + " example").isEmpty();
            if (field.defaultValue() != null) {
                Field asDefault = new Field(field.name(), field.type(), false, null, "", field.defaultValue());
                assertThat(exampleProblems(asDefault)).as(spec.name() + "." + field.name() + " default").isEmpty();
            }
        }
        for (List<String> group : spec.oneOf()) {
            assertThat(group).allMatch(name -> spec.param(name).isPresent());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("actions")
    void onlyReadOnlyActionsEverRunInADryRun(ActionSpec spec) {
        assertThat(spec.runsInDryRun()).as(spec.name()).isEqualTo(spec.readOnly()
                && spec.preview() == dev.runbook.action.PreviewKind.PROBED);
        if (spec.effect() != dev.runbook.action.Effect.READ_ONLY) {
            assertThat(spec.runsInDryRun()).as(spec.name() + " changes things").isFalse();
        }
    }

    @Test
    void processStopIsProbedInPreviewButNeverRunInADryRun() {
        ActionSpec stop = ActionRegistry.builtIn().find("process.stop").orElseThrow();
        assertThat(stop.preview()).isEqualTo(dev.runbook.action.PreviewKind.PROBED);
        assertThat(stop.runsInDryRun()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("actions")
    void planLineNamesOnlyDeclaredParameters(ActionSpec spec) {
        String line = spec.planLine();
        int at = line.indexOf('{');
        while (at >= 0) {
            String name = line.substring(at + 1, line.indexOf('}', at));
            assertThat(spec.param(name)).as(spec.name() + " plan line names {" + name + "}").isPresent();
            at = line.indexOf('{', at + 1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formatFields")
    void formatKeysHaveExamplesOfTheirOwnType(Field field) {
        assertThat(field.description()).isNotBlank();
        if (!field.example().contains("...")) {
            assertThat(exampleProblems(field)).as(field.name()).isEmpty();
        }
    }

    static Stream<Field> formatFields() {
        return Stream.of(FormatSpec.STEP, FormatSpec.PARAM, FormatSpec.SCENARIO, FormatSpec.DEFAULTS,
                FormatSpec.RETRY, FormatSpec.TOP).flatMap(List::stream);
    }

    private static List<String> exampleProblems(Field field) {
        Problems problems = new Problems();
        Optional<Node> node = YamlLoader.load("example", "value: " + field.example(), problems);
        node.ifPresent(root -> new TypeChecker(problems, true)
                .check(((dev.runbook.yaml.Mapping) root).get("value").orElseThrow(), field.type(), field.name()));
        return problems.sorted().stream().map(p -> p.message()).toList();
    }
}
