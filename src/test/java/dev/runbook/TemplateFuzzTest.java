package dev.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.runbook.action.ActionRegistry;
import dev.runbook.source.Problem;
import dev.runbook.parse.RunbookSource;
import dev.runbook.plan.PlanError;
import dev.runbook.plan.PlanRequest;
import dev.runbook.plan.Planner;
import dev.runbook.template.TemplateError;
import dev.runbook.template.Templates;
import dev.runbook.validate.CheckedRunbook;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random templates, built from pieces of Pebble's syntax, hostile values and shell syntax, in a
 * shell string, an argv list, a condition and a var, each through validate and then plan, and
 * (when it validated) rendered as a run would: no internal error, no hang, every problem with a
 * line and column, every rendering failure a {@link TemplateError} and never a syntax error that
 * validate let through. Deterministic (fixed seed).
 */
class TemplateFuzzTest {

    private static final int CASES = 2_000;
    private static final List<String> PIECES = List.of(
            "{{", "}}", "{%", "%}", "{#", "#}", " ", "params.x", "params.n", "vars.v", "steps.a.outputs.stdout",
            "steps['a'].outputs.exit_code", "run.id", "env.HOME", "|", " | raw", " | escape(strategy='js')",
            " | default('d')", " | upper", " | length", " | join(',')", " ~ ", "range(1, 99999999)", "range(1, 3)",
            "(", ")", "[", "]", ",", "'", "\"", "\\", "`", "$(", "${", "$((", "#", "\n", "<<EOF\n", "EOF",
            "for i in ", "endfor", "if ", "else", "endif", "set s = ", "macro m()", "endmacro", "autoescape false",
            "endautoescape", "filter upper", "include 'x'", "verbatim", "endverbatim", " is null", " is not null",
            " and ", " == ", "1", "-1", "-f", "x", "é", "\u0000", "\u0001", "{", "}", "%", ":", "?", "?:");

    @Test
    void randomTemplatesValidatePlanAndRenderWithoutInternalErrors() {
        Random random = new Random(20261204);
        int validated = 0;
        for (int i = 0; i < CASES; i++) {
            String template = template(random);
            String name = "fuzz#" + i;
            boolean ok = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> survives(name, template),
                    () -> name + " hung: " + template);
            validated += ok ? 1 : 0;
        }
        assertThat(validated).as("some templates are valid").isGreaterThan(CASES / 50);
        assertThat(validated).as("many are refused").isLessThan(CASES * 9 / 10);
    }

    private static final List<String> WORDS = List.of("echo ", "x", " ", "\"", "'", "$(", ")", "`", "#", "${",
            "}", "\n", ";", "-f ", "a=");
    private static final List<String> EXPRESSIONS = List.of("params.x", "params.n", "params.n | default('')",
            "steps['a'].outputs.stdout", "steps.a.outputs.exit_code + 1", "run.id ~ params.x", "params.x | upper",
            "range(1, 3) | join(',')", "range(1, 99999999) | length", "params.x | raw", "params.x | escape",
            "params.x == 'y' ? 'a' : params.n", "env.HOME", "vars.v | length");

    /** Half free-form pieces of syntax, half text with {{ expressions }}, so that some are valid. */
    private static String template(Random random) {
        StringBuilder out = new StringBuilder();
        int pieces = 1 + random.nextInt(12);
        boolean freeForm = random.nextBoolean();
        for (int k = 0; k < pieces; k++) {
            if (freeForm) {
                out.append(PIECES.get(random.nextInt(PIECES.size())));
            } else if (random.nextInt(3) == 0) {
                out.append("{{ ").append(EXPRESSIONS.get(random.nextInt(EXPRESSIONS.size()))).append(" }}");
            } else {
                out.append(WORDS.get(random.nextInt(WORDS.size())));
            }
        }
        return out.toString();
    }

    private static String yaml(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\u0000' -> out.append("\\0");
                case '\u0001' -> out.append("\\x01");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static boolean survives(String name, String template) {
        String quoted = yaml(template);
        String text = """
                format: 1
                name: fuzz
                params:
                  x: { type: string, default: "$(touch /nonexistent/marker) it's" }
                  n: { type: string, required: false }
                vars:
                  v: [1, 2]
                steps:
                  - { id: a, action: exec, with: { cmd: [echo, hi] } }
                  - { id: b, action: exec, with: { cmd: [echo, %s] } }
                  - { id: c, action: exec, with: { shell: %s } }
                """.formatted(quoted, quoted);
        CheckedRunbook checked;
        try {
            checked = CheckedRunbook.of(new RunbookSource(name + ".yaml", text), ActionRegistry.builtIn());
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(name + " validate threw " + e + " on: " + template, e);
        }
        for (Problem problem : checked.problems()) {
            assertThat(problem.location().line()).as(name + ": " + problem.render()).isPositive();
            assertThat(problem.location().column()).as(name + ": " + problem.render()).isPositive();
            assertThat(problem.message()).as(name).isNotBlank();
        }
        if (!checked.ok()) {
            assertThat(checked.problems()).as(name + " failed without saying why").isNotEmpty();
            return false;
        }
        try {
            new Planner(checked.runbook().orElseThrow(), checked.graph().orElseThrow(), ActionRegistry.builtIn())
                    .plan(PlanRequest.all(), Map.of("HOME", "/root"));
        } catch (PlanError e) {
            assertThat(e.getMessage()).as(name).isNotBlank();
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(name + " validated but planning threw " + e + " on: " + template, e);
        }
        Map<String, Object> context = new HashMap<>();
        Map<String, Object> params = new HashMap<>();
        params.put("x", "$(touch /nonexistent/marker) it's");
        params.put("n", null);
        context.put("params", params);
        context.put("vars", Map.of("v", List.of(1L, 2L)));
        context.put("steps", Map.of("a", Map.of("outputs", Map.of("stdout", "out", "exit_code", 0L), "status", "ok")));
        context.put("run", Map.of("id", "r1"));
        context.put("env", Map.of("HOME", "/root"));
        for (boolean shell : new boolean[] {false, true}) {
            try {
                Templates.render(template, context, shell);
            } catch (TemplateError e) {
                assertThat(e.getMessage()).as(name).isNotBlank();
                assertThat(e.kind()).as(name + ": a syntax error validate missed in " + template + ": " + e.getMessage())
                        .isNotEqualTo(TemplateError.Kind.SYNTAX);
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError(name + " validated but rendering threw " + e + " on: " + template, e);
            }
        }
        return true;
    }
}
