package dev.runbook.cli;

import dev.runbook.app.GivenParams;
import dev.runbook.app.Refusal;
import dev.runbook.app.ResumeRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The secrets given again to go on with a recorded run (resume, undo): the journal keeps them as
 * ***, so they come again with -p, --secret-file or --secret-env; every other value is the run's.
 */
final class RepeatedSecrets {

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", description = "A secret parameter's value again "
            + "(the journal keeps secrets as ***).")
    Map<String, String> values = new LinkedHashMap<>();

    @Mixin
    SecretOptions sources;

    /** What the application asks once it has read the run's runbook. */
    ResumeRequest.Secrets forRunbook() {
        return runbook -> {
            try {
                return sources.addTo(new GivenParams(values, Map.of(), List.of()), runbook, System.getenv()).values();
            } catch (CliError e) {
                // addTo refuses only inputs that are invalid, every one at once.
                throw new Refusal(Refusal.Kind.INVALID, e.reasons());
            }
        };
    }
}
