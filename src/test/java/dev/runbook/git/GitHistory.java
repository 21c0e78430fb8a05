package dev.runbook.git;

import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The history most git tests start from, shaped like the TMWS repository before its Phase 4
 * rollback: pre-phase4 tags c2; Phase 4 added a service, changed app.py and removed old.txt.
 */
final class GitHistory {

    static final String CATEGORY = "src/domain/value_objects/tool_category.py";
    static final String SERVICE = "src/services/verification_service.py";

    final RevCommit c1;
    final RevCommit c2;
    final RevCommit c3;
    final RevCommit c4;

    GitHistory(GitFixture repo) throws Exception {
        c1 = repo.commit("Phase 1: start", "app.py", "v1\n", "README", "readme\n", "old.txt", "old\n");
        c2 = repo.commit("Phase 3: models\n\nCategories for tools.", "app.py", "v2\n", CATEGORY, "cat1\n");
        repo.git.tag().setName("pre-phase4").setObjectId(c2).setAnnotated(false).call();
        java.nio.file.Files.delete(repo.work.resolve("old.txt"));
        c3 = repo.commit("Phase 4: verification", "app.py", "v3\n", CATEGORY, "cat2\n", SERVICE, "vs\n");
        c4 = repo.commit("Phase 4: fixes", "app.py", "v4\n");
    }
}
