import dev.runbook.action.Action;
import dev.runbook.action.ActionRegistry;
import dev.runbook.action.Arguments;
import dev.runbook.action.Cancellation;
import dev.runbook.action.Outcome;
import dev.runbook.action.RunScope;
import dev.runbook.action.StepContext;
import dev.runbook.git.GitImplementations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * git.reset --hard across 50 commits in a 5,000-file repository (50 folders of 100 files, 1-4 KB
 * each; every commit rewrites 100 files, so the two ends differ in ~3,100 files), back and forth,
 * against `git reset --hard` on the same repository. runbook's time is the whole action: opening
 * the repository, the status that finds work at risk, the history walk and tree diff for the
 * outputs, the reset, and the status that verifies it. Measured in one warm JVM (JVM start is
 * not included; bench/run-run covers that). Target: <= 2x the git CLI.
 */
public final class GitBench {

    private static final int FILES = 5000;
    private static final int COMMITS = 50;
    private static final int ROUNDS = 7;

    public static void main(String[] args) throws Exception {
        Path root = Files.createTempDirectory("git-bench");
        Path repo = root.resolve("repo");
        build(repo);
        String tip = git(repo, "rev-parse", "HEAD").strip();
        String base = git(repo, "rev-parse", "HEAD~" + COMMITS).strip();
        int changed = git(repo, "diff", "--name-only", base, tip).strip().split("\n").length;
        System.out.printf("repository: %d files, %d commits from base to tip, %d files differ%n", FILES, COMMITS,
                changed);
        Action reset = GitImplementations.all().get("git.reset");
        for (int warm = 0; warm < 2; warm++) { // JIT and page cache
            runbook(reset, root, base);
            runbook(reset, root, tip);
        }
        List<Double> ours = new ArrayList<>();
        List<Double> theirs = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) { // each round starts and ends at the tip
            ours.add(runbook(reset, root, base));
            ours.add(runbook(reset, root, tip));
            git(repo, "status", "--porcelain"); // git refreshes the index stat data JGit wrote
            for (String target : List.of(base, tip)) {
                long start = System.nanoTime();
                git(repo, "reset", "--hard", "-q", target);
                theirs.add((System.nanoTime() - start) / 1e6);
            }
        }
        double mine = median(ours);
        double peer = median(theirs);
        System.out.printf("runbook git.reset --hard: median %.0f ms (min %.0f, max %.0f) over %d resets%n", mine,
                Collections.min(ours), Collections.max(ours), ours.size());
        System.out.printf("git reset --hard:         median %.0f ms (min %.0f, max %.0f) over %d resets%n", peer,
                Collections.min(theirs), Collections.max(theirs), theirs.size());
        System.out.printf("ratio: %.2fx (target <= 2x)%n", mine / peer);
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static double runbook(Action reset, Path root, String target) throws Exception {
        StepContext context = new StepContext("reset", new Arguments(ActionRegistry.builtIn().find("git.reset")
                .orElseThrow(), Map.of("repo", "repo", "ref", target, "mode", "hard")), false, root,
                root.resolve("reset.log"), Optional.empty(), new Cancellation(), q -> true,
                RunScope.unjournaled("bench", root.resolve("forensics")));
        long start = System.nanoTime();
        Outcome outcome = reset.run(context);
        double ms = (System.nanoTime() - start) / 1e6;
        if (!outcome.ok()) {
            throw new IllegalStateException(outcome.message());
        }
        return ms;
    }

    private static void build(Path repo) throws Exception {
        Files.createDirectories(repo);
        git(repo, "init", "-q", "-b", "main");
        git(repo, "config", "user.name", "Bench");
        git(repo, "config", "user.email", "bench@example.org");
        git(repo, "config", "commit.gpgsign", "false");
        Random random = new Random(42);
        for (int i = 0; i < FILES; i++) {
            write(repo, i, random, 0);
        }
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "base");
        for (int c = 1; c <= COMMITS; c++) {
            for (int k = 0; k < 100; k++) {
                write(repo, random.nextInt(FILES), random, c);
            }
            git(repo, "commit", "-q", "-a", "-m", "change " + c);
        }
    }

    private static void write(Path repo, int index, Random random, int version) throws Exception {
        Path file = repo.resolve("dir" + (index / 100)).resolve("file" + index + ".txt");
        Files.createDirectories(file.getParent());
        StringBuilder text = new StringBuilder("version " + version + "\n");
        int size = 1000 + random.nextInt(3000);
        while (text.length() < size) {
            text.append(Long.toHexString(random.nextLong())).append('\n');
        }
        Files.writeString(file, text);
    }

    private static String git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + ": " + out);
        }
        return out;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
