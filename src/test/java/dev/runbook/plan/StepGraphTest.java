package dev.runbook.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.model.ActionCall;
import dev.runbook.source.Location;
import dev.runbook.model.Section;
import dev.runbook.model.Step;
import dev.runbook.model.Text;
import dev.runbook.yaml.Mapping;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StepGraphTest {

    /** "a", "b:a", "c:", "d:b,c": id, then needs after a colon (none = depends on the previous step). */
    private static StepGraph graph(String... specs) {
        List<Step> steps = new ArrayList<>();
        Location at = Location.of("t");
        for (String spec : specs) {
            String[] parts = spec.split(":", -1);
            Optional<List<Text>> needs = parts.length == 1 ? Optional.empty()
                    : Optional.of(Arrays.stream(parts[1].split(",")).filter(s -> !s.isEmpty())
                            .map(s -> new Text(s, at)).toList());
            steps.add(new Step(parts[0], at, Section.STEPS, Optional.empty(),
                    new ActionCall("wait", new Mapping(List.of(), at), at), needs, Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), List.of(), List.of(), Optional.empty(), false,
                    Optional.empty()));
        }
        return new StepGraph(steps);
    }

    private static List<String> order(StepGraph graph) {
        return graph.order().stream().map(Step::id).toList();
    }

    @Test
    void aStepWithoutNeedsFollowsThePreviousOne() {
        StepGraph graph = graph("a", "b", "c");
        assertThat(order(graph)).containsExactly("a", "b", "c");
        assertThat(graph.dependencies("c")).containsExactly("b");
        assertThat(graph.runsBefore("a", "c")).isTrue();
        assertThat(graph.runsBefore("c", "a")).isFalse();
    }

    @Test
    void listOrderBreaksTiesBetweenReadySteps() {
        StepGraph graph = graph("late:mid", "early:", "mid:", "last:early,late");
        assertThat(order(graph)).containsExactly("early", "mid", "late", "last");
        assertThat(graph.runsBefore("mid", "last")).isTrue();
        assertThat(graph.runsBefore("early", "late")).isFalse();
    }

    @Test
    void cycleIsShownAlongNeeds() {
        assertThat(graph("a:c", "b:a", "c:b").cycle()).contains(List.of("a", "c", "b", "a"));
        assertThat(graph("a:", "b:b").cycle()).contains(List.of("b", "b"));
        assertThat(graph("a", "b", "c").cycle()).isEmpty();
    }

    @Test
    void dependenciesArePulledInTransitively() {
        StepGraph graph = graph("verify:", "stop:", "restore:stop,verify", "tests:restore", "other:");
        assertThat(graph.withDependencies(List.of("tests"))).containsExactlyInAnyOrder("tests", "restore", "stop",
                "verify");
    }

    @Test
    void tenThousandStepChainNeitherOverflowsNorCrawls() {
        String[] specs = new String[10_000];
        for (int i = 0; i < specs.length; i++) {
            specs[i] = "s" + i;
        }
        StepGraph graph = graph(specs);
        assertThat(graph.cycle()).isEmpty();
        assertThat(order(graph)).hasSize(10_000);
        assertThat(graph.runsBefore("s0", "s9999")).isTrue();
    }
}
