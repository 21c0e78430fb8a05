package dev.runbook.plan;

import dev.runbook.model.Param;
import dev.runbook.model.ParamType;
import dev.runbook.model.Runbook;
import dev.runbook.template.TemplateError;
import dev.runbook.template.Templates;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run's lock is keyed on: what the run changes, not where it was started from. By default
 * the runbook's name and the absolute values of its path parameters ({@code tmws-phase4-rollback
 * app_dir=/opt/tmws backup_dir=/opt/tmws/backups/pre-phase4 ...}): two runs of one runbook against
 * one installation share the key from whatever directory, two installations do not. A runbook's
 * {@code lock:} template replaces it, rendered with the same absolute paths
 * ({@code lock: "praxis-os {{ params.praxis_dir }}"}): runbooks with the same key exclude each
 * other too, which is how an upgrade and its rollback never run at once on one installation.
 *
 * <p>The one place "the same target" is decided: the run lock, and any check that a run or its
 * undo works on the same installation as another, use {@link #of}.
 */
public final class LockKey {

    private LockKey() {
    }

    /** The key for a run of runbook with these resolved params; relative paths are taken from workDir. */
    public static String of(Runbook runbook, Map<String, Object> params, Path workDir) throws PlanError {
        Map<String, Object> absolute = absolutePaths(runbook, params, workDir);
        if (runbook.lock().isPresent()) {
            Map<String, Object> context = new HashMap<>();
            context.put("params", absolute);
            try {
                String key = Templates.render(runbook.lock().get().value(), context).strip();
                if (key.isEmpty()) {
                    throw new PlanError("the runbook's lock: renders empty", "make it name what the run changes, "
                            + "e.g. lock: \"" + runbook.name() + " {{ params.app_dir }}\"");
                }
                return key;
            } catch (TemplateError e) {
                throw new PlanError("cannot render the runbook's lock: " + e.getMessage(), "lock: may use params only");
            }
        }
        StringBuilder key = new StringBuilder(runbook.name());
        for (Param param : runbook.params()) {
            if (param.type() == ParamType.PATH && absolute.get(param.name()) != null) {
                key.append(' ').append(param.name()).append('=').append(absolute.get(param.name()));
            }
        }
        return key.toString();
    }

    private static Map<String, Object> absolutePaths(Runbook runbook, Map<String, Object> params, Path workDir) {
        Map<String, Object> values = new LinkedHashMap<>(params);
        for (Param param : runbook.params()) {
            Object value = params.get(param.name());
            if (param.type() == ParamType.PATH && value != null) {
                values.put(param.name(), workDir.toAbsolutePath().resolve(value.toString()).normalize().toString());
            }
        }
        return values;
    }
}
