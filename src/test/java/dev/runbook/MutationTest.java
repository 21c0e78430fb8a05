package dev.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.runbook.action.ActionRegistry;
import dev.runbook.source.Problem;
import dev.runbook.parse.RunbookSource;
import dev.runbook.plan.PlanError;
import dev.runbook.plan.PlanRequest;
import dev.runbook.plan.Planner;
import dev.runbook.support.Fixtures;
import dev.runbook.validate.CheckedRunbook;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Robustness: thousands of broken variants of the valid runbooks (truncated, lines deleted,
 * indentation shifted, random bytes) each either validate or yield located problems. No exception
 * escapes and nothing hangs. Deterministic: the seed is fixed, so a failure names its variant.
 */
class MutationTest {

    private static final int PER_FILE = 260;
    private static final String NOISE = ":{}[]'\"-#&*!|>%@`\t\n ,?xyz09.\\";

    @Test
    void everyMutationValidatesOrYieldsLocatedProblems() {
        List<Path> files = Stream.concat(Fixtures.valid().stream(), Fixtures.shipped().stream()).toList();
        Random random = new Random(20261122);
        int total = 0;
        int rejected = 0;
        for (Path file : files) {
            String text = Fixtures.read(file);
            for (int i = 0; i < PER_FILE; i++) {
                String mutant = mutate(text, random);
                String name = file.getFileName() + "#" + i;
                boolean ok = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> survives(name, mutant),
                        () -> name + " hung:\n" + mutant);
                rejected += ok ? 0 : 1;
                total++;
            }
        }
        assertThat(total).isGreaterThanOrEqualTo(2_000);
        assertThat(rejected).as("most mutations break something").isGreaterThan(total / 2);
    }

    /** True when the variant validated; problems must each have a real position and a message. */
    private static boolean survives(String name, String text) {
        CheckedRunbook checked;
        try {
            checked = CheckedRunbook.of(new RunbookSource(name, text), ActionRegistry.builtIn());
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(name + " threw " + e + " on:\n" + text, e);
        }
        for (Problem problem : checked.problems()) {
            assertThat(problem.location().line()).as(name).isPositive();
            assertThat(problem.location().column()).as(name).isPositive();
            assertThat(problem.message()).as(name).isNotBlank();
        }
        if (!checked.ok()) {
            assertThat(checked.problems()).as(name + " failed without saying why").isNotEmpty();
            return false;
        }
        try {
            new Planner(checked.runbook().orElseThrow(), checked.graph().orElseThrow(), ActionRegistry.builtIn())
                    .plan(PlanRequest.all(), Map.of());
        } catch (PlanError e) {
            assertThat(e.getMessage()).as(name).isNotBlank();
        } catch (RuntimeException e) {
            throw new AssertionError(name + " validated but planning threw " + e + " on:\n" + text, e);
        }
        return true;
    }

    static String mutate(String text, Random random) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int line = random.nextInt(lines.size());
        switch (random.nextInt(6)) {
            case 0 -> {
                return text.substring(0, random.nextInt(text.length() + 1));
            }
            case 1 -> lines.remove(line);
            case 2 -> lines.set(line, "  " + lines.get(line));
            case 3 -> lines.set(line, lines.get(line).replaceFirst("^ {1,2}", ""));
            case 4 -> lines.add(line, lines.get(line));
            default -> {
                StringBuilder bytes = new StringBuilder(text);
                for (int n = 1 + random.nextInt(3); n > 0; n--) {
                    int at = random.nextInt(bytes.length());
                    bytes.setCharAt(at, NOISE.charAt(random.nextInt(NOISE.length())));
                }
                return bytes.toString();
            }
        }
        return String.join("\n", lines);
    }
}
