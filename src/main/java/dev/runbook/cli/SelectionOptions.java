package dev.runbook.cli;

import dev.runbook.app.GivenParams;
import dev.runbook.model.Runbook;
import dev.runbook.plan.PlanRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What to run and with which inputs: shared by plan and run, so both read the same options the same way. */
final class SelectionOptions {

    @Option(names = "--scenario", paramLabel = "S", description = "This scenario's steps and what they need.")
    String scenario;

    @Option(names = "--only", split = ",", paramLabel = "ID", description = "Only these steps (dependencies assumed done).")
    List<String> only = List.of();

    @Option(names = "--from", paramLabel = "ID", description = "Start at this step, skipping those before it.")
    String from;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", description = "Set a parameter (wins over --params).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--params", paramLabel = "FILE", description = "Parameters from a YAML file (name: value).")
    String paramsFile;

    @Mixin
    SecretOptions secrets;

    /** Every given value with its origin: the params file, then -p, then the secrets. */
    GivenParams given(Runbook runbook, Map<String, String> environment) throws CliError {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        if (paramsFile != null) {
            ParamsFile.Values file = ParamsFile.read(paramsFile);
            values.putAll(file.values());
            origins.putAll(file.origins());
        }
        for (Map.Entry<String, String> param : params.entrySet()) {
            values.put(param.getKey(), param.getValue());
            origins.remove(param.getKey());
        }
        GivenParams fromLine = new GivenParams(values, origins, SecretOptions.warnings(runbook, params));
        return secrets.addTo(fromLine, runbook, environment);
    }

    PlanRequest request(GivenParams given) {
        return new PlanRequest(Optional.ofNullable(scenario), only, Optional.ofNullable(from), given.values(),
                given.origins());
    }
}
