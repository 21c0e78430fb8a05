package dev.runbook.cli;

import dev.runbook.app.RunbookFiles;
import dev.runbook.source.Problem;
import dev.runbook.source.Problems;
import dev.runbook.parse.RunbookSource;
import dev.runbook.plan.PlanError;
import dev.runbook.yaml.Mapping;
import dev.runbook.yaml.Node;
import dev.runbook.yaml.Scalar;
import dev.runbook.yaml.YamlLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --params FILE}: a YAML mapping of parameter names to scalar values, read with the same
 * strict loader as runbooks (no tags, no duplicate keys). Values are text, typed later against the
 * runbook's declarations like {@code -p}; each remembers its line and column for error messages.
 */
final class ParamsFile {

    /** Values by name, and {@code FILE:LINE:COL} of each. */
    record Values(Map<String, String> values, Map<String, String> origins) {
    }

    private ParamsFile() {
    }

    static Values read(String name) throws CliError {
        RunbookSource source;
        try {
            source = RunbookFiles.read(name);
        } catch (dev.runbook.app.Refusal e) {
            throw CliError.of(e);
        }
        Problems problems = new Problems();
        Optional<Node> root = YamlLoader.load(name, source.text(), problems);
        List<PlanError.Reason> reasons = new ArrayList<>();
        problems.sorted().forEach(p -> reasons.add(reason(p)));
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        if (root.isPresent() && !(root.get() instanceof Mapping)) {
            if (!(root.get() instanceof Scalar scalar && scalar.isNull())) {
                reasons.add(new PlanError.Reason(root.get().location() + ": a params file is a mapping of names to "
                        + "values, found " + root.get().kind(), "write one 'name: value' per line"));
            }
        } else if (root.isPresent()) {
            for (Mapping.Entry entry : ((Mapping) root.get()).entries()) {
                String where = entry.value().location().toString();
                String key = entry.key().location().toString();
                if (!(entry.value() instanceof Scalar value)) {
                    reasons.add(new PlanError.Reason(key + ": parameter '" + entry.name() + "' must be a single "
                            + "value, found " + entry.value().kind(), null));
                } else if (value.isNull()) {
                    reasons.add(new PlanError.Reason(key + ": parameter '" + entry.name() + "' has no value",
                            "leave it out to use its default, or write \"\" for an empty string"));
                } else {
                    values.put(entry.name(), value.text());
                    origins.put(entry.name(), where);
                }
            }
        }
        if (!reasons.isEmpty()) {
            throw new CliError(ExitCodes.INVALID, reasons);
        }
        return new Values(values, origins);
    }

    private static PlanError.Reason reason(Problem problem) {
        return new PlanError.Reason(problem.location() + ": " + problem.message(), problem.hasHint() ? problem.hint()
                : null);
    }
}
