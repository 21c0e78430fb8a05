package dev.runbook.cli;

import dev.runbook.app.Refusal;
import dev.runbook.app.RunbookFiles;
import dev.runbook.action.ActionRegistry;
import dev.runbook.model.Runbook;
import dev.runbook.validate.CheckedRunbook;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code runbook validate FILE...}: every problem of every file, then exit 2 if there was any. */
@Command(name = "validate", description = "Check runbooks and report every problem at once.",
        mixinStandardHelpOptions = true)
final class ValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Runbook files.")
    List<String> files;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws CliError, Refusal {
        int code = ExitCodes.OK;
        for (String file : files) {
            CheckedRunbook checked = CheckedRunbook.of(RunbookFiles.read(file), ActionRegistry.builtIn());
            checked.warnings().forEach(w -> spec.commandLine().getErr().println(w.location() + ": warning: "
                    + w.message() + (w.hasHint() ? "\n  hint: " + w.hint() : "")));
            if (checked.ok()) {
                Runbook runbook = checked.runbook().orElseThrow();
                spec.commandLine().getOut().println(file + ": ok (" + count(runbook.steps().size(), "step") + ", "
                        + count(runbook.scenarios().size(), "scenario") + ")");
            } else {
                ProblemPrinter.print(spec.commandLine().getErr(), file, checked.problems());
                code = ExitCodes.INVALID;
            }
        }
        return code;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
