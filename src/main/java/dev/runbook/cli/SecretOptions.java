package dev.runbook.cli;

import dev.runbook.app.GivenParams;
import dev.runbook.model.Param;
import dev.runbook.model.Runbook;
import dev.runbook.plan.PlanError;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Secret parameters read from a file or an environment variable, so their values never appear on
 * a command line (where {@code ps} shows them to every user of the machine). Shared by run, plan and
 * resume. Only parameters declared {@code secret: true} may be given this way: a value someone
 * took care to keep off the command line must not then be printed because the runbook does not
 * mask it.
 */
final class SecretOptions {

    /** Secret files are small (a token, a password); a large one is a wrong path. */
    static final long MAX_BYTES = 64 * 1024;

    @Option(names = "--secret-file", paramLabel = "NAME=PATH", description = "Read secret parameter NAME from "
            + "a file (its content, without one trailing newline).")
    Map<String, Path> files = new LinkedHashMap<>();

    @Option(names = "--secret-env", paramLabel = "NAME=VAR", description = "Read secret parameter NAME from the "
            + "environment variable VAR.")
    Map<String, String> variables = new LinkedHashMap<>();

    @Option(names = "--secrets-stdin", description = "Read secret parameters from stdin as one JSON object "
            + "{\"NAME\": \"value\"} (how a fleet controller hands them over SSH: never on a command line or in a file).")
    boolean stdin;

    /** Adds the secrets to the given values; every problem is reported at once. */
    GivenParams addTo(GivenParams given, Runbook runbook, Map<String, String> environment) throws CliError {
        Map<String, String> values = new LinkedHashMap<>(given.values());
        Map<String, String> origins = new LinkedHashMap<>(given.origins());
        List<PlanError.Reason> problems = new ArrayList<>();
        if (stdin) {
            for (Map.Entry<String, String> secret : SecretsStdin.read(System.in).entrySet()) {
                String origin = "--secrets-stdin " + secret.getKey();
                if (declaredSecret(runbook, secret.getKey(), origin, given, problems)) {
                    values.put(secret.getKey(), secret.getValue());
                    origins.put(secret.getKey(), origin);
                }
            }
        }
        for (Map.Entry<String, Path> file : files.entrySet()) {
            String origin = "--secret-file " + file.getKey();
            if (declaredSecret(runbook, file.getKey(), origin, given, problems)) {
                try {
                    values.put(file.getKey(), read(file.getValue()));
                    origins.put(file.getKey(), origin);
                } catch (CliError e) {
                    problems.add(new PlanError.Reason(origin + ": " + e.getMessage(), e.hint()));
                }
            }
        }
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            String origin = "--secret-env " + variable.getKey();
            if (files.containsKey(variable.getKey())) {
                problems.add(new PlanError.Reason(origin + ": also given with --secret-file", "give it once"));
            } else if (declaredSecret(runbook, variable.getKey(), origin, given, problems)) {
                String value = environment.get(variable.getValue());
                if (value == null) {
                    problems.add(new PlanError.Reason(origin + ": environment variable " + variable.getValue()
                            + " is not set", "export it first, or name the variable that holds the secret"));
                } else {
                    values.put(variable.getKey(), value);
                    origins.put(variable.getKey(), origin + " (" + variable.getValue() + ")");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new CliError(ExitCodes.INVALID, problems);
        }
        return new GivenParams(values, origins, given.warnings());
    }

    private static boolean declaredSecret(Runbook runbook, String name, String origin, GivenParams given,
                                          List<PlanError.Reason> problems) {
        if (runbook.param(name).isEmpty()) {
            return true; // reported with the other unknown names, with a suggestion
        }
        if (!runbook.param(name).get().secret()) {
            problems.add(new PlanError.Reason(origin + ": parameter '" + name + "' is not secret, so its value "
                    + "would be shown", "give it with -p, or declare it secret: true in the runbook"));
            return false;
        }
        if (given.values().containsKey(name)) {
            problems.add(new PlanError.Reason(origin + ": also given as " + given.origins().getOrDefault(name,
                    "-p " + name), "give it once"));
            return false;
        }
        return true;
    }

    /** The file's text without one trailing newline (what {@code echo TOKEN > file} adds). */
    static String read(Path file) throws CliError {
        try {
            if (Files.isDirectory(file)) {
                throw new CliError(ExitCodes.NO_INPUT, "cannot read " + file + ": it is a directory", null);
            }
            // Read as a stream, not by its size: <(pass show token) is a pipe, whose size is 0.
            byte[] bytes;
            try (java.io.InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) MAX_BYTES + 1);
            }
            if (bytes.length > MAX_BYTES) {
                throw new CliError(ExitCodes.INVALID, file + " is larger than 64 KiB: not a secret",
                        "check the path");
            }
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                    : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        } catch (NoSuchFileException e) {
            throw new CliError(ExitCodes.NO_INPUT, "cannot read " + file + ": no such file", null);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new CliError(ExitCodes.NO_INPUT, "cannot read " + file + ": permission denied", null);
        } catch (CharacterCodingException e) {
            throw new CliError(ExitCodes.INVALID, file + " is not UTF-8 text", null);
        } catch (IOException e) {
            throw new CliError(ExitCodes.NO_INPUT, "cannot read " + file + ": " + e.getMessage(), null);
        }
    }

    /** Said before a run: secrets given with -p are visible to every user while the run lasts. */
    static List<String> warnings(Runbook runbook, Map<String, String> dashP) {
        List<String> warnings = new ArrayList<>();
        for (String name : dashP.keySet()) {
            if (runbook.param(name).filter(Param::secret).isPresent()) {
                warnings.add("warning: -p " + name + ": a secret on the command line is visible to other users "
                        + "(ps); use --secret-file " + name + "=PATH or --secret-env " + name + "=VAR");
            }
        }
        return warnings;
    }
}
