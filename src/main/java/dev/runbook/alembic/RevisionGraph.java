package dev.runbook.alembic;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The revision chain read from the migration scripts, without running Python: each script's
 * {@code revision} and {@code down_revision} assignments (with or without type annotations) and
 * the first line of its docstring. Only a branch-free chain is accepted: a merge or a fork is
 * reported, since which way a relative step would go is then Alembic's call, not ours.
 */
public final class RevisionGraph {

    private static final Pattern REVISION = Pattern.compile(
            "^revision\\s*(?::[^=\\n]*)?=\\s*['\"]([^'\"]+)['\"]", Pattern.MULTILINE);
    private static final Pattern DOWN = Pattern.compile(
            "^down_revision\\s*(?::[^=\\n]*)?=\\s*(None|['\"]([^'\"]*)['\"]|[(\\[].*)", Pattern.MULTILINE);
    private static final Pattern DOCSTRING = Pattern.compile("\\A(?:\\s*#[^\\n]*\\n)*\\s*[rRuU]?(\"\"\"|''')\\s*([^\\n]*)");

    /** Oldest first: index 0 follows base, the last is head. */
    private final List<Revision> chain;
    private final Map<String, Integer> index = new HashMap<>();

    private RevisionGraph(List<Revision> chain) {
        this.chain = List.copyOf(chain);
        for (int i = 0; i < chain.size(); i++) {
            index.put(chain.get(i).id(), i);
        }
    }

    public static RevisionGraph load(List<Path> folders) throws AlembicException {
        List<Revision> revisions = new ArrayList<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                throw new AlembicException("migration scripts folder " + folder + " does not exist");
            }
            try (DirectoryStream<Path> scripts = Files.newDirectoryStream(folder, "*.py")) {
                for (Path script : scripts) {
                    parse(script).ifPresent(revisions::add);
                }
            } catch (IOException e) {
                throw new AlembicException("cannot read " + folder + ": " + e.getMessage());
            }
        }
        return new RevisionGraph(order(revisions));
    }

    static Optional<Revision> parse(Path script) throws AlembicException, IOException {
        String text = Files.readString(script);
        Matcher revision = REVISION.matcher(text);
        if (!revision.find()) {
            return Optional.empty(); // not a migration (a helper module)
        }
        Matcher down = DOWN.matcher(text);
        if (!down.find()) {
            throw new AlembicException(script + ": revision " + revision.group(1) + " has no down_revision");
        }
        if (down.group(1).startsWith("(") || down.group(1).startsWith("[")) {
            throw new AlembicException(script + ": revision " + revision.group(1) + " merges several revisions "
                    + down.group(1).strip() + "; only a branch-free history can be previewed");
        }
        Optional<String> parent = down.group(2) == null || down.group(2).isEmpty() ? Optional.empty()
                : Optional.of(down.group(2));
        Matcher doc = DOCSTRING.matcher(text);
        String message = doc.find() ? doc.group(2).replace(doc.group(1), "").strip() : "";
        return Optional.of(new Revision(revision.group(1), parent, message, script.getFileName().toString()));
    }

    /** Base to head, or the reason the scripts do not form one chain. */
    private static List<Revision> order(List<Revision> revisions) throws AlembicException {
        Map<String, Revision> byId = new HashMap<>();
        Map<Optional<String>, Revision> byParent = new HashMap<>();
        for (Revision revision : revisions) {
            Revision twin = byId.put(revision.id(), revision);
            if (twin != null) {
                throw new AlembicException("revision " + revision.id() + " is defined twice: " + twin.file() + " and "
                        + revision.file());
            }
            Revision sibling = byParent.put(revision.down(), revision);
            if (sibling != null) {
                throw new AlembicException("the history branches: " + sibling.id() + " and " + revision.id()
                        + " both follow " + revision.down().orElse("base") + "; only a branch-free history can be "
                        + "previewed");
            }
        }
        List<Revision> chain = new ArrayList<>();
        Revision next = byParent.get(Optional.<String>empty());
        while (next != null) {
            chain.add(next);
            next = byParent.get(Optional.of(next.id()));
        }
        if (chain.size() != revisions.size()) {
            List<String> stray = revisions.stream().filter(r -> !chain.contains(r))
                    .map(r -> r.id() + " (follows " + r.down().orElse("base") + ")").toList();
            throw new AlembicException("revisions not reachable from base: " + String.join(", ", stray));
        }
        return chain;
    }

    public List<Revision> chain() {
        return chain;
    }

    public Optional<String> head() {
        return chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(chain.size() - 1).id());
    }

    /** Position in the chain: -1 for base. */
    public int position(Optional<String> revision) throws AlembicException {
        if (revision.isEmpty()) {
            return -1;
        }
        Integer at = index.get(revision.get());
        if (at == null) {
            throw new AlembicException("revision " + revision.get() + " is not in the migration scripts");
        }
        return at;
    }

    /**
     * The revision a target means (empty for base): head, base, an id or a unique prefix of one,
     * a step relative to the current revision (-1, +2), or relative to another (head-1, abc123+1).
     */
    public Optional<String> resolve(String target, Optional<String> current) throws AlembicException {
        String spec = target.strip();
        Matcher relative = Pattern.compile("^(.*?)([+-]\\d+)$").matcher(spec);
        if (relative.matches() && !spec.isEmpty()) {
            int steps = Integer.parseInt(relative.group(2));
            Optional<String> from = relative.group(1).isEmpty() ? current : resolve(relative.group(1), current);
            int at = position(from) + steps;
            if (at < -1 || at >= chain.size()) {
                throw new AlembicException("'" + target + "' goes past the " + (at < -1 ? "base" : "head")
                        + " of the history (" + from.orElse("base") + " is revision " + (position(from) + 1) + " of "
                        + chain.size() + ")");
            }
            return at == -1 ? Optional.empty() : Optional.of(chain.get(at).id());
        }
        if (spec.equals("base")) {
            return Optional.empty();
        }
        if (spec.equals("head") || spec.equals("heads")) {
            return head();
        }
        List<String> matches = chain.stream().map(Revision::id).filter(id -> id.startsWith(spec)).toList();
        if (matches.size() == 1 || matches.contains(spec)) {
            return Optional.of(matches.contains(spec) ? spec : matches.get(0));
        }
        throw new AlembicException(matches.isEmpty() ? "no revision '" + target + "' in the migration scripts (known: "
                + String.join(", ", chain.stream().map(Revision::id).toList()) + ")"
                : "'" + target + "' matches several revisions: " + String.join(", ", matches));
    }

    /** The revisions between two points, in the order Alembic would run them (undo newest first). */
    public List<Revision> between(Optional<String> from, Optional<String> to) throws AlembicException {
        int start = position(from);
        int end = position(to);
        if (end >= start) {
            return List.copyOf(chain.subList(start + 1, end + 1));
        }
        List<Revision> undo = new ArrayList<>(chain.subList(end + 1, start + 1));
        java.util.Collections.reverse(undo);
        return undo;
    }
}
