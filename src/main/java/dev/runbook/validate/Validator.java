package dev.runbook.validate;

import dev.runbook.action.ActionRegistry;
import dev.runbook.action.ActionSpec;
import dev.runbook.model.ActionCall;
import dev.runbook.model.Param;
import dev.runbook.source.Problems;
import dev.runbook.model.Runbook;
import dev.runbook.model.Scenario;
import dev.runbook.model.Section;
import dev.runbook.model.Step;
import dev.runbook.model.Text;
import dev.runbook.model.Var;
import dev.runbook.plan.StepGraph;
import dev.runbook.spec.Suggestions;
import dev.runbook.template.OptionValues;
import dev.runbook.yaml.Scalar;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The checks that need the whole runbook: actions and their arguments, the step graph, scenarios
 * and every template reference. Adds every problem it finds; changes nothing.
 */
public final class Validator {

    private final Runbook runbook;
    private final Problems problems;
    private final ActionChecks actions;
    private final StepGraph graph;
    private final TemplateChecks templates;
    private final Set<String> allParams = new LinkedHashSet<>();
    private final ShellChecks.SecretNames secretNames;
    private final Set<String> allVars = new LinkedHashSet<>();

    private Validator(Runbook runbook, ActionRegistry registry, Problems problems) {
        this.runbook = runbook;
        this.problems = problems;
        this.actions = new ActionChecks(registry, problems);
        this.graph = new StepGraph(runbook.steps());
        this.templates = new TemplateChecks(runbook, graph, registry, problems);
        runbook.params().forEach(p -> allParams.add(p.name()));
        runbook.vars().forEach(v -> allVars.add(v.name()));
        this.secretNames = ShellChecks.SecretNames.of(runbook);
    }

    /** Validates and returns the step graph it built, for the planner to reuse. */
    public static StepGraph validate(Runbook runbook, ActionRegistry registry, Problems problems) {
        Validator validator = new Validator(runbook, registry, problems);
        validator.run();
        return validator.graph;
    }

    private void run() {
        checkParamDefaults();
        checkVars();
        checkLock();
        checkNeeds();
        graph.cycle().filter(cycle -> cycle.size() > 2).ifPresent(this::reportCycle);
        checkScenarios();
        for (Section section : Section.values()) {
            for (Step step : steps(section)) {
                checkStep(step);
            }
        }
    }

    /** Each argument's templates; shell command lines get the shell checks too. */
    private void checkWith(ActionCall call, Optional<ActionSpec> spec, Scope scope, String where) {
        for (dev.runbook.yaml.Mapping.Entry entry : call.with().entries()) {
            boolean shell = spec.flatMap(s -> s.param(entry.name()))
                    .map(f -> f.type() == dev.runbook.spec.ValueType.SHELL).orElse(false);
            templates.check(entry.value(), scope, shell);
            boolean argv = spec.flatMap(s -> s.param(entry.name()))
                    .map(f -> f.type() == dev.runbook.spec.ValueType.ARGV).orElse(false);
            if (shell || argv) {
                ShellChecks.secretOnCommandLine(entry.value(), secretNames, where, problems);
            }
            if (entry.value() instanceof Scalar scalar && !scalar.isTemplate()) {
                OptionValues.problem(call.action(), entry.name(), scalar.text()).ifPresent(problem ->
                        problems.add(scalar.location(), problem, OptionValues.hint(call.action())));
            }
        }
        ShellChecks.shellInArgv(call.with(), where, problems);
    }

    private List<Step> steps(Section section) {
        return switch (section) {
            case STEPS -> runbook.steps();
            case ON_FAILURE -> runbook.onFailure();
            case FINALLY -> runbook.finallySteps();
        };
    }

    private void checkParamDefaults() {
        if (runbook.unreadable().contains("params")) {
            return;
        }
        // A live view of the names declared so far: each check runs before the next name is added.
        Set<String> earlier = new HashSet<>();
        Set<String> view = java.util.Collections.unmodifiableSet(earlier);
        for (Param param : runbook.params()) {
            param.defaultValue().filter(value -> param.secret() && value instanceof Scalar scalar
                    && !scalar.isTemplate() && !scalar.isNull() && !scalar.text().isEmpty()
                    && scalar.text().codePointCount(0, scalar.text().length()) < dev.runbook.template.SecretForms.MIN_LENGTH)
                    .ifPresent(value -> problems.add(value.location(), "the default of secret parameter '"
                            + param.name() + "' is shorter than " + dev.runbook.template.SecretForms.MIN_LENGTH
                            + " characters, too short to mask safely", "use a longer secret, or leave it empty"));
            param.defaultValue().ifPresent(value -> templates.check(value,
                    new Scope("the default of parameter '" + param.name() + "'", view, null, false,
                            false, null, false)));
            earlier.add(param.name());
        }
    }

    /** lock: is rendered before the run starts, from params alone. */
    private void checkLock() {
        runbook.lock().ifPresent(lock -> templates.check(new Scalar(lock.value(), Scalar.Style.PLAIN, lock.location()),
                new Scope("the runbook's lock", allParams, Set.of(), false, false, null, false)));
    }

    private void checkVars() {
        Set<String> earlier = new HashSet<>();
        Set<String> view = java.util.Collections.unmodifiableSet(earlier);
        for (Var var : runbook.vars()) {
            templates.check(var.value(), new Scope("vars." + var.name(), allParams, view, false, true, null, false));
            earlier.add(var.name());
        }
    }

    /** A step without needs follows the one listed before it; say so when that edge closes the cycle. */
    private void reportCycle(List<String> cycle) {
        String hint = "remove one of these needs, or reorder the steps";
        for (int i = 0; i + 1 < cycle.size(); i++) {
            Step step = graph.step(cycle.get(i));
            if (step.needs().isEmpty()) {
                hint = "'" + step.id() + "' has no needs, so it runs after '" + cycle.get(i + 1)
                        + "', the step listed before it; give it needs, or reorder the steps";
                break;
            }
        }
        problems.add(graph.step(cycle.get(0)).location(), "the steps' needs form a cycle: "
                + String.join(" -> ", cycle), hint);
    }

    private void checkNeeds() {
        List<String> ids = runbook.steps().stream().map(Step::id).toList();
        for (Step step : runbook.steps()) {
            for (Text need : step.needs().orElse(List.of())) {
                if (need.value().equals(step.id())) {
                    problems.add(need.location(), "step '" + step.id() + "' needs itself", "remove it from needs");
                } else if (need.value().contains(",") && !graph.contains(need.value())) {
                    problems.add(need.location(), "'needs' of step '" + step.id() + "' is one string, \""
                            + need.value() + "\"", "write a list: needs: [" + need.value() + "]");
                } else if (!graph.contains(need.value())) {
                    problems.add(need.location(), "step '" + step.id() + "' needs unknown step '" + need.value() + "'",
                            Optional.ofNullable(Suggestions.didYouMean(need.value(), ids)).orElse(ids.size() <= 12
                                    ? "steps: " + String.join(", ", ids) : "needs lists ids of steps under steps:"));
                }
            }
        }
    }

    private void checkScenarios() {
        List<String> ids = runbook.steps().stream().map(Step::id).toList();
        for (Scenario scenario : runbook.scenarios()) {
            for (Text id : scenario.steps()) {
                if (!graph.contains(id.value())) {
                    problems.add(id.location(), "scenario '" + scenario.name() + "' names unknown step '"
                            + id.value() + "'", Optional.ofNullable(Suggestions.didYouMean(id.value(), ids))
                            .orElse("known steps: " + String.join(", ", ids)));
                }
            }
        }
    }

    private void checkStep(Step step) {
        String where = (step.section() == Section.STEPS ? "step" : step.section().key() + " step")
                + " '" + step.id() + "'";
        Scope scope = new Scope(where, allParams, allVars, true, true,
                step.section() == Section.STEPS ? step.id() : null, step.section() != Section.STEPS);
        Optional<ActionSpec> spec = actions.check(step.action(), where);
        checkWith(step.action(), spec, scope, where);
        step.when().ifPresent(when -> templates.check(new Scalar(when.value(), Scalar.Style.PLAIN, when.location()),
                scope));
        step.title().ifPresent(title -> templates.check(new Scalar(title.value(), Scalar.Style.PLAIN,
                title.location()), scope));
        step.confirm().ifPresent(prompt -> templates.check(new Scalar(prompt.value(), Scalar.Style.PLAIN,
                prompt.location()), scope));
        for (ActionCall check : step.verify()) {
            String checkWhere = "a verify check of " + where;
            Optional<ActionSpec> checkSpec = actions.check(check, checkWhere);
            checkSpec.ifPresent(s -> actions.checkVerify(check, s, where));
            checkWith(check, checkSpec, scope, checkWhere);
        }
        for (ActionCall undo : step.undo()) {
            Optional<ActionSpec> undoSpec = actions.check(undo, "the undo of " + where);
            checkWith(undo, undoSpec, scope, "the undo of " + where);
            undo.title().ifPresent(title -> templates.check(new Scalar(title.value(), Scalar.Style.PLAIN,
                    title.location()), scope));
            undo.when().ifPresent(when -> templates.check(new Scalar(when.value(), Scalar.Style.PLAIN,
                    when.location()), scope));
        }
        step.undoneBy().ifPresent(by -> checkUndoneBy(step, by));
    }

    /** The step named must have an undo and run before this one, so its undo runs after this step's would. */
    private void checkUndoneBy(Step step, Text by) {
        if (!step.undo().isEmpty()) {
            problems.add(by.location(), "step '" + step.id() + "' has both 'undo' and 'undone_by'",
                    "keep 'undo' to reverse the step itself, or 'undone_by' when the undo of '" + by.value()
                            + "' covers it");
        } else if (!graph.contains(by.value())) {
            problems.add(by.location(), "'undone_by' of step '" + step.id() + "' names unknown step '" + by.value()
                    + "'", Optional.ofNullable(Suggestions.didYouMean(by.value(), runbook.steps().stream()
                    .filter(s -> !s.undo().isEmpty()).map(Step::id).toList()))
                    .orElse("name a step under steps: that declares an undo"));
        } else if (graph.step(by.value()).undo().isEmpty()) {
            problems.add(by.location(), "'undone_by' of step '" + step.id() + "' names step '" + by.value()
                    + "', which declares no undo", "give '" + by.value() + "' an undo, or remove 'undone_by'");
        } else if (by.value().equals(step.id()) || !graph.withDependencies(List.of(step.id())).contains(by.value())) {
            problems.add(by.location(), "'undone_by' of step '" + step.id() + "' names step '" + by.value()
                    + "', which does not run before it", "add '" + by.value() + "' to the needs of '" + step.id()
                    + "' (its undo must run after this step's change is made)");
        }
    }
}
