package dev.runbook.action;

import dev.runbook.process.CommandResult;
import dev.runbook.process.CommandRunner;
import dev.runbook.process.CommandSpec;
import dev.runbook.spec.ValueType;
import dev.runbook.values.Sizes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * forensics.collect: keep the failed state. Files and folders are copied (links as links, times
 * kept) to the forensics folder's top under their own short name ({@code tmws.db.failed-phase4},
 * {@code versions}), not under their path mirrored from the root, so the evidence reads at a
 * glance; MANIFEST.txt is the index of where each came from. Command output is saved under its
 * given name, stdout and stderr together. Nothing is ever overwritten: a name already taken gets a
 * number ({@code NAME.2}). A missing path or a failing command is recorded in the
 * manifest, never fatal: forensics runs while things are already broken.
 */
final class ForensicsCollect implements BuiltIn {

    static final Param<List<String>> PATHS = Param.strings("paths", "Files and folders to keep.",
            "[data/tmws.db, migrations/versions]");
    static final Param<Map<String, Object>> COMMANDS = Param.map("commands", ValueType.ARGV, "Commands whose output "
            + "to keep, by file name.", "{ processes: [ps, aux] }");
    static final Param<Path> TO = Param.path("to", "The folder to collect into (default: the run's forensics folder, "
            + "<state>/runs/<run-id>/forensics, shown as run.forensics).", "forensics/phase4-failure");

    static final Output<Path> PATH = Output.path("path", "The forensics folder.");
    static final Output<Long> COLLECTED = Output.integer("collected", "Entries collected.");
    static final Output<List<String>> MISSING = Output.list("missing", "Paths that did not exist.");

    private static final ActionSpec SPEC = ActionSpec.define("forensics.collect", "Copy the failed state (files, "
                    + "folders, command output) into a forensics folder, each under its own short name (NAME.2 when "
                    + "taken), with MANIFEST.txt saying where each came from; a missing path is recorded, not fatal.")
            .idempotent()
            .params(PATHS, COMMANDS, TO)
            .outputs(PATH, COLLECTED, MISSING)
            .plan("collect {paths}[ and output of {commands}] into {to}")
            .reads(PreviewReads.NOTHING)
            .build();

    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(1);
    private static final CommandRunner RUNNER = new CommandRunner();

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public Preview preview(StepContext context) throws ActionException {
        Path to = target(context);
        List<String> effects = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        int collected = 0;
        java.util.Set<Path> taken = new java.util.HashSet<>();
        for (String given : context.find(PATHS).orElse(List.of())) {
            Path source = context.workDir().resolve(given).normalize();
            if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                missing.add(given);
                effects.add("missing now (would be recorded): " + given);
                continue;
            }
            collected++;
            effects.add("would copy " + given + " (" + size(source) + ") to " + fresh(to, ForensicsCopy.shortName(
                    context.workDir(), source), taken));
        }
        for (Map.Entry<String, Object> command : context.find(COMMANDS).orElse(Map.of()).entrySet()) {
            collected++;
            effects.add("would save the output of " + String.join(" ", argv(command.getValue())) + " as " + fresh(to,
                    ForensicsCopy.fileName(command.getKey()), taken));
        }
        effects.add("would list everything in " + to.resolve(ForensicsCopy.MANIFEST));
        return new Preview(PreviewKind.SIMULATED, effects, outputs(to, collected, missing));
    }

    @Override
    public Outcome run(StepContext context) throws ActionException {
        Path to = target(context);
        ForensicsCopy copy = new ForensicsCopy(to, context.workDir(),
                dev.runbook.template.Masker.ofForms(context.run().secrets()));
        List<String> missing = new ArrayList<>();
        int collected = 0;
        for (Map.Entry<String, Object> command : context.find(COMMANDS).orElse(Map.of()).entrySet()) {
            ForensicsCopy.fileName(command.getKey());
            argv(command.getValue());
        }
        try {
            dev.runbook.files.Durable.createDirectories(to);
            copy.header("collected by step " + context.stepId() + " of run " + context.run().runId() + " at "
                    + Instant.now());
            for (String given : context.find(PATHS).orElse(List.of())) {
                Path source = context.workDir().resolve(given).normalize();
                if (copy.copy(given, source)) {
                    collected++;
                } else {
                    missing.add(given);
                }
            }
            for (Map.Entry<String, Object> command : context.find(COMMANDS).orElse(Map.of()).entrySet()) {
                runCommand(context, copy, command.getKey(), argv(command.getValue()));
                collected++;
            }
            copy.finish();
        } catch (IOException e) {
            throw new ActionException("cannot collect into " + to + ": " + e.getMessage(), e);
        }
        return Outcome.ok(outputs(to, collected, missing));
    }

    private static void runCommand(StepContext context, ForensicsCopy copy, String name, List<String> argv)
            throws IOException, ActionException {
        Path file = copy.freshName(ForensicsCopy.fileName(name));
        // A CLI run's workDir is the empty path (the current directory): as a process's directory it
        // does not exist, so every command failed to start. Absolute, it is the directory meant.
        CommandSpec spec = CommandSpec.argv(argv).withCwd(context.workDir().toAbsolutePath()).withLog(file)
                .withTimeout(context.timeout().orElse(COMMAND_TIMEOUT)).withSecrets(context.run().secrets());
        String result;
        try {
            CommandResult ended = RUNNER.run(spec);
            result = ended.describe(spec);
        } catch (IOException e) {
            result = e.getMessage();
        }
        if (!Files.exists(file)) {
            Files.createFile(file); // a silent command still leaves its (empty) output
        }
        copy.command(file, String.join(" ", argv), result);
    }

    private static Path target(StepContext context) throws ActionException {
        return context.findPath(TO).map(Path::normalize).orElse(context.run().forensicsDir());
    }

    /** The name the run would give: as {@link ForensicsCopy#freshName}, counting names this preview gave. */
    private static Path fresh(Path to, String name, java.util.Set<Path> taken) {
        Path candidate = to.resolve(name);
        for (int n = 2; taken.contains(candidate) || Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)
                || candidate.equals(to.resolve(ForensicsCopy.MANIFEST)) || candidate.equals(to.resolve(
                ForensicsCopy.SUMS)); n++) {
            candidate = to.resolve(name + "." + n);
        }
        taken.add(candidate);
        return candidate;
    }

    private static List<String> argv(Object value) throws ActionException {
        if (value instanceof List<?> list && !list.isEmpty()) {
            return list.stream().map(String::valueOf).toList();
        }
        throw ActionException.refused("a command of forensics.collect must be a non-empty list (argv), found " + value);
    }

    private static String size(Path source) {
        try {
            Tally tally = Tally.of(source);
            return Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS) ? tally.files() + " files, "
                    + Sizes.human(tally.bytes()) : Sizes.human(tally.bytes());
        } catch (IOException e) {
            return "size unknown: " + e.getMessage();
        }
    }

    private static Map<String, Object> outputs(Path to, long collected, List<String> missing) {
        return new Outputs().put(PATH, to).put(COLLECTED, collected).put(MISSING, List.copyOf(missing)).map();
    }
}
