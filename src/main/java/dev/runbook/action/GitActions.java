package dev.runbook.action;

import static dev.runbook.action.ActionSpec.define;

import dev.runbook.spec.ValueType;
import java.util.List;

/** Git repositories through JGit; nothing uncommitted is lost without being saved first. */
final class GitActions {

    private static final String PUT_BACK = "After a failure: true when HEAD, branch, index and work tree were "
            + "put back as they were (false when it succeeded, or when the put-back failed too: the error says).";
    private static final String REPO = "The repository's work tree.";
    private static final String SAVE_DIRTY = "Instead of refusing when uncommitted or untracked work would be "
            + "lost, copy it into the run's forensics folder (git-<step>/) first.";
    private static final String SAVED = "Where uncommitted work was saved (empty when none was at risk).";

    private GitActions() {
    }

    static List<ActionSpec> all() {
        return List.of(
                define("git.status", "Report whether the work tree is clean, and what changed if not.")
                        .readOnly()
                        .optional("repo", ValueType.PATH, ".", REPO, "\"{{ params.app_dir }}\"")
                        .optional("expect_clean", ValueType.BOOL, "false", "Fail when anything is uncommitted.", "true")
                        .output("clean", "bool", "No uncommitted or untracked changes.")
                        .output("changes", "list", "Changed paths, like git status --porcelain.")
                        .plan("check git status of {repo}[ (must be clean: {expect_clean})]")
                        .build(),
                define("git.tag", "Create a tag (annotated when a message is given).")
                        .optional("repo", ValueType.PATH, ".", REPO, ".")
                        .required("name", ValueType.STRING, "The tag.", "pre-phase4")
                        .optional("ref", ValueType.STRING, "HEAD", "What to tag.", "HEAD")
                        .optional("message", ValueType.STRING, "Message of an annotated tag.", "\"before Phase 4\"")
                        .output("commit", "string", "The tagged commit.")
                        .plan("tag {ref} as {name} in {repo}")
                        .build(),
                define("git.checkout", "Check out a tag, commit or branch, optionally as a new branch.")
                        .destructive()
                        .optional("repo", ValueType.PATH, ".", REPO, ".")
                        .required("ref", ValueType.STRING, "Tag, commit or branch.", "tags/pre-phase4")
                        .optional("create_branch", ValueType.STRING, "Create this branch at ref and switch to it.",
                                "rollback-phase4")
                        .optional("save_dirty", ValueType.BOOL, "false", SAVE_DIRTY, "true")
                        .output("before", "string", "Commit before.")
                        .output("after", "string", "Commit after.")
                        .output("saved", "path", SAVED)
                        .output("put_back", "bool", PUT_BACK)
                        .plan("check out {ref} in {repo}[ as new branch {create_branch}]")
                        .build(),
                define("git.reset", "Move the current branch to a commit: soft, mixed or hard.")
                        .destructive()
                        .optional("repo", ValueType.PATH, ".", REPO, ".")
                        .required("ref", ValueType.STRING, "The commit to reset to.", "pre-phase4")
                        .optional("mode", ValueType.choice("soft", "mixed", "hard"), "mixed",
                                "What happens to the index and work tree.", "hard")
                        .optional("save_dirty", ValueType.BOOL, "false", SAVE_DIRTY, "true")
                        .output("before", "string", "Commit before.")
                        .output("after", "string", "Commit after.")
                        .output("dropped", "list", "Full hashes of the commits no longer on the branch, newest first.")
                        .output("saved", "path", SAVED)
                        .output("put_back", "bool", PUT_BACK)
                        .plan("reset {repo} to {ref}[ ({mode})]")
                        .build(),
                define("git.restore", "Restore paths from a commit (git checkout REF -- PATHS).")
                        .optional("repo", ValueType.PATH, ".", REPO, ".")
                        .optional("ref", ValueType.STRING, "HEAD", "The commit to take the files from.", "HEAD~1")
                        .required("paths", ValueType.STRINGS, "Paths or globs, relative to the work tree; as in git, * also matches /.",
                                "[src/domain/value_objects/tool_category.py]")
                        .optional("save_dirty", ValueType.BOOL, "false", SAVE_DIRTY, "true")
                        .output("restored", "list", "Paths restored.")
                        .output("saved", "path", SAVED)
                        .plan("restore {paths} from {ref} in {repo}")
                        .build(),
                define("git.log", "Find a commit: by tag, by a message pattern, or a relative ref.")
                        .readOnly()
                        .optional("repo", ValueType.PATH, ".", REPO, ".")
                        .optional("ref", ValueType.STRING, "HEAD", "Where to start (or the ref to resolve).", "HEAD~1")
                        .optional("tag", ValueType.STRING, "Resolve this tag.", "pre-phase4")
                        .optional("message", ValueType.STRING, "Newest commit whose message matches this regex.",
                                "\"^Phase 3\"")
                        .optional("max", ValueType.INT, "1000", "Commits to search at most.", "100")
                        .output("commit", "string", "The commit's full hash.")
                        .output("subject", "string", "Its subject line.")
                        .output("short", "string", "The hash abbreviated to 7 characters.")
                        .output("author", "string", "Its author's name.")
                        .plan("find commit[ tag {tag}][ matching {message}][ {ref}] in {repo}")
                        .build());
    }
}
