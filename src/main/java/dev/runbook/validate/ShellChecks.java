package dev.runbook.validate;

import dev.runbook.source.Problems;
import dev.runbook.spec.Suggestions;
import dev.runbook.template.ShellContext;
import dev.runbook.template.TemplateRules;
import dev.runbook.template.TemplateScanner;
import dev.runbook.template.Templates;
import dev.runbook.yaml.Mapping;
import dev.runbook.yaml.Node;
import dev.runbook.yaml.Scalar;
import dev.runbook.yaml.Sequence;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The template checks that need more than names: tags a value may use, Pebble's own syntax (so a
 * template that reads step outputs, rendered only during a run, is checked before anything runs),
 * where a value lands in a shell command, and argv lists that hand a template to a shell anyway.
 */
final class ShellChecks {

    private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "zsh", "ksh", "mksh", "ash", "busybox");

    private ShellChecks() {
    }

    static void tag(Scalar scalar, TemplateScanner.Call call, Scope scope, Problems problems) {
        String name = call.name();
        if (TemplateRules.ALLOWED_TAGS.contains(name)
                || name.startsWith("end") && TemplateRules.REFUSED_TAGS.contains(name.substring(3))) {
            return; // the end of a refused tag: its start is reported
        }
        if (TemplateRules.REFUSED_TAGS.contains(name)) {
            boolean quoting = name.equals("autoescape") || name.equals("filter");
            problems.add(scalar.locationOf(call.start()), "the '" + name + "' tag is not allowed in runbook values ("
                    + scope.where() + ")", quoting ? "it would change the quoting of values; shell: values are "
                    + "quoted for you" : "a runbook value uses if, for and set; write longer logic as a script");
            return;
        }
        String close = Suggestions.didYouMean(name, TemplateRules.ALLOWED_TAGS);
        problems.add(scalar.locationOf(call.start()), "unknown tag '" + name + "' in " + scope.where(),
                close != null ? close : "tags: " + String.join(", ", TemplateRules.ALLOWED_TAGS));
    }

    /** Pebble's parse of the whole value; the error at the {{ }} that fails alone, else at its line. */
    static void syntax(Scalar scalar, boolean shell, Scope scope, Problems problems) {
        String text = scalar.text();
        Templates.syntaxError(text, shell).ifPresent(error -> problems.add(scalar.locationOf(offset(text, shell,
                error.line())), "template syntax in " + scope.where() + ": " + error.message(),
                "templates look like {{ params.name }}, {% if ... %}...{% endif %}"));
    }

    private static int offset(String text, boolean shell, int line) {
        for (int open = text.indexOf("{{"); open >= 0; open = text.indexOf("{{", open + 2)) {
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                break;
            }
            if (Templates.syntaxError(text.substring(open, close + 2), shell).isPresent()) {
                return open;
            }
        }
        int at = 0;
        for (int n = 1; n < line && at >= 0; n++) {
            at = text.indexOf('\n', at);
            at = at < 0 ? -1 : at + 1;
        }
        return Math.max(0, at);
    }

    /** Each {{ }} of a shell value must land where it can be quoted: bare, '...' or "...". */
    static void placement(Scalar scalar, Scope scope, Problems problems) {
        String text = scalar.text();
        List<Integer> offsets = new ArrayList<>();
        StringBuilder marked = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf('{', i);
            if (open < 0 || open + 1 >= text.length()) {
                marked.append(text, i, text.length());
                break;
            }
            char kind = text.charAt(open + 1);
            String closer = kind == '{' ? "}}" : kind == '%' ? "%}" : kind == '#' ? "#}" : null;
            int close = closer == null ? -1 : text.indexOf(closer, open + 2);
            marked.append(text, i, closer == null || close < 0 ? open + 1 : open);
            if (closer == null || close < 0) {
                i = open + 1;
                continue;
            }
            if (kind == '{') {
                marked.append(ShellContext.MARK).append(offsets.size()).append(ShellContext.END);
                offsets.add(open);
            }
            i = close + 2;
        }
        ShellContext.read(marked.toString(), (index, at, place) -> {
            if (place.kind() == ShellContext.Place.Kind.UNSAFE) {
                problems.add(scalar.locationOf(offsets.get(index)), "a value is inserted " + place.unsafe()
                        + " in the shell command of " + scope.where() + ", where no quoting makes it safe",
                        "set a shell variable first (v={{ ... }}) and use \"$v\" there, or use a cmd: list");
            }
        });
    }

    /**
     * A secret param put into a command line (a {@code shell:} string or a {@code cmd:} list): masking
     * keeps it out of runbook's own output, but every user of the machine reads a process's command
     * line in ps or /proc for as long as it runs. The environment is not shown there.
     */
    static void secretOnCommandLine(Node value, SecretNames secrets, String where, Problems problems) {
        if (secrets.params().isEmpty()) {
            return; // no secret, none to find: no second scan of every command line's templates
        }
        for (Scalar scalar : scalars(value)) {
            for (TemplateScanner.Reference ref : references(scalar)) {
                Optional<String> what = secrets.describe(ref);
                if (what.isPresent()) {
                    problems.warn(scalar.locationOf(ref.start()), what.get() + " is put into the command line of "
                            + where + ", which every user of the machine can read (ps, /proc) while it runs",
                            "pass it in env: (env: { SECRET: \"{{ " + ref.path().get(0) + "." + ref.path().get(1)
                            + " }}\" }) and read \"$SECRET\" in the command");
                    break;
                }
            }
        }
    }

    /** The names that hold a secret: secret params, and vars whose value reads one (directly or through vars). */
    record SecretNames(Set<String> params, Set<String> vars) {

        static SecretNames of(dev.runbook.model.Runbook runbook) {
            Set<String> params = runbook.secretNames();
            Set<String> vars = new java.util.HashSet<>();
            if (params.isEmpty()) {
                return new SecretNames(params, vars);
            }
            // Each var's template references read once; then what holds a secret spreads to the vars that read it.
            java.util.Map<String, Set<String>> readers = new java.util.HashMap<>();
            java.util.ArrayDeque<String> found = new java.util.ArrayDeque<>();
            for (dev.runbook.model.Var var : runbook.vars()) {
                for (Scalar scalar : scalars(var.value())) {
                    for (TemplateScanner.Reference ref : references(scalar)) {
                        if (ref.path().size() < 2) {
                            continue;
                        }
                        if (ref.root().equals("params") && params.contains(ref.path().get(1)) && vars.add(var.name())) {
                            found.add(var.name());
                        } else if (ref.root().equals("vars")) {
                            readers.computeIfAbsent(ref.path().get(1), v -> new java.util.HashSet<>()).add(var.name());
                        }
                    }
                }
            }
            while (!found.isEmpty()) {
                for (String reader : readers.getOrDefault(found.poll(), Set.of())) {
                    if (vars.add(reader)) {
                        found.add(reader);
                    }
                }
            }
            return new SecretNames(params, vars);
        }

        Optional<String> describe(TemplateScanner.Reference ref) {
            if (!holds(ref, params, vars)) {
                return Optional.empty();
            }
            return Optional.of(ref.root().equals("params") ? "secret parameter '" + ref.path().get(1) + "'"
                    : "var '" + ref.path().get(1) + "', which holds a secret,");
        }

        private static boolean holds(TemplateScanner.Reference ref, Set<String> params, Set<String> vars) {
            return ref.path().size() > 1 && (ref.root().equals("params") && params.contains(ref.path().get(1))
                    || ref.root().equals("vars") && vars.contains(ref.path().get(1)));
        }
    }

    private static List<Scalar> scalars(Node node) {
        List<Scalar> found = new ArrayList<>();
        if (node instanceof Scalar scalar) {
            found.add(scalar);
        } else if (node instanceof Sequence list) {
            list.items().forEach(item -> found.addAll(scalars(item)));
        } else if (node instanceof Mapping mapping) {
            mapping.entries().forEach(entry -> found.addAll(scalars(entry.value())));
        }
        return found;
    }

    private static List<TemplateScanner.Reference> references(Scalar scalar) {
        return TemplateScanner.isTemplate(scalar.text()) ? TemplateScanner.scan(scalar.text()).references() : List.of();
    }

    /** {@code cmd: [sh, -c, "... {{ x }}"]}: the template is shell code that nothing quotes. */
    static void shellInArgv(Mapping with, String where, Problems problems) {
        for (Mapping.Entry entry : with.entries()) {
            if (!entry.name().equals("cmd") || !(entry.value() instanceof Sequence argv)
                    || argv.items().isEmpty() || !(argv.items().get(0) instanceof Scalar program)) {
                continue;
            }
            String name = program.text().substring(program.text().lastIndexOf('/') + 1);
            if (!SHELLS.contains(name)) {
                continue;
            }
            boolean dashC = false;
            for (Node item : argv.items().subList(1, argv.items().size())) {
                if (!(item instanceof Scalar arg)) {
                    continue;
                }
                if (arg.text().matches("-[a-zA-Z]*c[a-zA-Z]*")) {
                    dashC = true;
                } else if (dashC && TemplateScanner.isTemplate(arg.text())) {
                    problems.warn(arg.location(), "'cmd: [" + program.text() + ", -c, ...]' in " + where
                            + " runs a template as shell code, and nothing quotes its values",
                            "use 'shell: \"...\"' instead: every value inserted there is quoted for the shell");
                    break;
                }
            }
        }
    }
}
