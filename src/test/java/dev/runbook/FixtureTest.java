package dev.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.support.Fixtures;
import dev.runbook.validate.CheckedRunbook;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every invalid fixture yields exactly the problems it lists; every valid and shipped runbook yields none. */
class FixtureTest {

    static Stream<Path> invalid() {
        return Fixtures.invalid().stream();
    }

    static Stream<Path> valid() {
        return Stream.concat(Fixtures.valid().stream(), Fixtures.shipped().stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidFixtureReportsExactlyItsProblems(Path file) {
        List<String> expected = Fixtures.expected(file);
        assertThat(expected).as("fixture %s lists its expected problems with '# expect:'", file).isNotEmpty();
        CheckedRunbook checked = Fixtures.check(file);
        assertThat(Fixtures.render(checked.problems())).as(file.toString()).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void validRunbookHasNoProblems(Path file) {
        CheckedRunbook checked = Fixtures.check(file);
        assertThat(Fixtures.render(checked.problems())).as(file.toString()).isEmpty();
        assertThat(checked.ok()).isTrue();
    }

    @Test
    void theCompleteExampleInFormatDocValidates() throws Exception {
        String doc = java.nio.file.Files.readString(Path.of("docs/FORMAT.md"));
        int start = doc.indexOf("```yaml\n") + "```yaml\n".length();
        String example = doc.substring(start, doc.indexOf("```\n", start));
        CheckedRunbook checked = dev.runbook.validate.CheckedRunbook.of(
                new dev.runbook.parse.RunbookSource("FORMAT.md", example), dev.runbook.action.ActionRegistry.builtIn());
        assertThat(Fixtures.render(checked.problems())).isEmpty();
        assertThat(checked.runbook().orElseThrow().steps()).hasSize(6);
    }

    @Test
    void thereAreAtLeastFortyInvalidFixtures() {
        assertThat(Fixtures.invalid()).hasSizeGreaterThanOrEqualTo(40);
    }
}
