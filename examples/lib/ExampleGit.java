// Builds the example environments' git repositories with JGit (the project never shells out to git).
// Compiled against the runbook jar, which bundles JGit (examplekit.py does this once, into
// target/examples/):  java -cp target/examples:target/runbook.jar ExampleGit
// (or, slower, as a single-file program: java -cp target/runbook.jar examples/lib/ExampleGit.java).
// It reads one command per line on stdin and answers each with one line, "ok ..." or "error ...",
// so a setup script can write files between commits without starting a JVM per commit:
//   init DIR BRANCH                  create a repository (the folder may already hold files)
//   ident NAME <EMAIL>               author and committer of what follows
//   commit EPOCH_SECONDS MESSAGE     stage everything (additions, changes, deletions) and commit
//   tag NAME EPOCH_SECONDS MESSAGE   annotated tag at HEAD
//   head                             the commit HEAD points at
// Fixed times and identities make the commit ids the same on every machine and every run.
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

public class ExampleGit {
    private static Git git;
    private static String name = "Example";
    private static String email = "example@example.invalid";

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            try {
                out.println("ok " + handle(line.split(" ", 4), line));
            } catch (Exception e) {
                out.println("error " + e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).replace('\n', ' '));
            }
        }
        if (git != null) {
            git.close();
        }
    }

    private static String handle(String[] words, String line) throws Exception {
        String command = words[0];
        if (command.equals("init")) {
            git = Git.init().setDirectory(new File(words[1])).setInitialBranch(words[2]).call();
            return git.getRepository().getDirectory().toString();
        }
        if (command.equals("ident")) {
            String rest = line.substring("ident ".length());
            int lt = rest.indexOf('<');
            name = rest.substring(0, lt).trim();
            email = rest.substring(lt + 1, rest.indexOf('>'));
            return name;
        }
        if (git == null) {
            throw new IllegalStateException("no repository: send 'init DIR BRANCH' first");
        }
        if (command.equals("commit")) {
            PersonIdent who = ident(Long.parseLong(words[1]));
            String message = line.substring(line.indexOf(words[1]) + words[1].length() + 1);
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();   // deletions too
            RevCommit commit = git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
            return commit.getName();
        }
        if (command.equals("tag")) {
            PersonIdent who = ident(Long.parseLong(words[2]));
            git.tag().setName(words[1]).setAnnotated(true).setTagger(who).setMessage(words.length > 3 ? words[3] : words[1])
                    .setSigned(false).call();
            return words[1];
        }
        if (command.equals("head")) {
            return git.getRepository().resolve("HEAD").getName();
        }
        throw new IllegalArgumentException("unknown command '" + command + "'");
    }

    private static PersonIdent ident(long epochSeconds) {
        return new PersonIdent(name, email, Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC);
    }
}
