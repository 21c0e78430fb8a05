package dev.runbook.saved;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A plan as saved by a dry run: the runbook's bytes (as text) and where they were read from, the
 * params as resolved minus the secrets (only their names, so they are asked again), the selection,
 * the working directory, the engine's version, who planned it and when, whether it must be approved,
 * the steps it selected and the prints of what each step's preview read.
 */
public record SavedPlan(String engineVersion, String runbookFile, String runbookText, Map<String, String> given, Map<String, Object> params,
                        List<String> secretNames, Optional<String> scenario, List<String> only, List<String> from,
                        String workDir, Instant plannedAt, String plannedBy, boolean approvalRequired,
                        List<String> steps, Map<String, List<Print>> prints) {

    public SavedPlan {
        given = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(given));
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        secretNames = List.copyOf(secretNames);
        only = List.copyOf(only);
        from = List.copyOf(from);
        steps = List.copyOf(steps);
        prints = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(prints));
    }

    /** How many things the plan's fingerprint looks at. */
    public int printCount() {
        return prints.values().stream().mapToInt(List::size).sum();
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("engine", engineVersion);
        map.put("runbook_file", runbookFile);
        map.put("runbook", runbookText);
        map.put("given", given);
        map.put("params", params);
        map.put("secrets", secretNames);
        map.put("scenario", scenario.orElse(null));
        map.put("only", only);
        map.put("from", from);
        map.put("work_dir", workDir);
        map.put("planned_at", plannedAt.toString());
        map.put("planned_by", plannedBy);
        map.put("approval", approvalRequired ? "required" : "none");
        map.put("steps", steps);
        Map<String, Object> byStep = new LinkedHashMap<>();
        prints.forEach((step, list) -> byStep.put(step, list.stream().map(Print::toMap).toList()));
        map.put("fingerprint", byStep);
        return map;
    }

    @SuppressWarnings("unchecked")
    static SavedPlan fromMap(Map<String, Object> map) {
        Map<String, List<Print>> prints = new LinkedHashMap<>();
        ((Map<String, Object>) map.get("fingerprint")).forEach((step, list) -> {
            List<Print> out = new ArrayList<>();
            ((List<Object>) list).forEach(p -> out.add(Print.fromMap((Map<String, Object>) p)));
            prints.put(step, out);
        });
        return new SavedPlan(text(map, "engine"), text(map, "runbook_file"), text(map, "runbook"),
                (Map<String, String>) map.get("given"), (Map<String, Object>) map.get("params"), (List<String>) map.get("secrets"),
                Optional.ofNullable((String) map.get("scenario")), (List<String>) map.get("only"),
                (List<String>) map.get("from"), text(map, "work_dir"), Instant.parse(text(map, "planned_at")),
                text(map, "planned_by"), "required".equals(map.get("approval")), (List<String>) map.get("steps"),
                prints);
    }

    private static String text(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException("'" + key + "' is missing");
        }
        return text;
    }
}
