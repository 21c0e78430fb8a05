package dev.runbook.cli;

import dev.runbook.plan.PlanRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** What to run: shared by plan and run, so both read the same options the same way. */
final class SelectionOptions {

    @Option(names = "--scenario", paramLabel = "S", description = "This scenario's steps and what they need.")
    String scenario;

    @Option(names = "--only", split = ",", paramLabel = "ID", description = "Only these steps (dependencies assumed done).")
    List<String> only = List.of();

    @Option(names = "--from", paramLabel = "ID", description = "Start at this step, skipping those before it.")
    String from;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", description = "Set a parameter.")
    Map<String, String> params = new LinkedHashMap<>();

    PlanRequest request() {
        return new PlanRequest(Optional.ofNullable(scenario), only, Optional.ofNullable(from), params);
    }
}
