package dev.runbook.alembic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.support.AlembicProjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The revision chain read from scripts, without Python: order, messages, targets, and histories it refuses. */
class RevisionGraphTest {

    @TempDir
    Path dir;

    @Test
    void readsTheChainInOrderWithMessagesFromBothScriptStyles() throws Exception {
        AlembicProjects project = AlembicProjects.create(dir, 5);
        AlembicProject located = AlembicProject.locate(dir, "alembic.ini", Optional.empty());
        assertThat(located.db()).contains(dir.resolve("data/app.db"));
        RevisionGraph graph = RevisionGraph.load(located.versions());
        assertThat(graph.chain()).extracting(Revision::id).isEqualTo(project.revisions());
        assertThat(graph.chain()).extracting(Revision::message).isEqualTo(project.messages());
        List<String> r = project.revisions();
        assertThat(graph.resolve("head-2", Optional.empty())).contains(r.get(2));
        assertThat(graph.resolve("-2", Optional.of(r.get(1)))).isEmpty();
        assertThat(graph.resolve(r.get(1) + "+1", Optional.empty())).contains(r.get(2));
        assertThat(graph.between(Optional.of(r.get(4)), Optional.of(r.get(2)))).extracting(Revision::id)
                .containsExactly(r.get(4), r.get(3));
    }

    @Test
    void aBranchOrAMergeIsReportedNotGuessed() throws Exception {
        AlembicProjects project = AlembicProjects.create(dir, 3);
        Path versions = dir.resolve("migrations/versions");
        Files.writeString(versions.resolve("fork.py"), "'''fork'''\nrevision = 'f0f0'\ndown_revision = '"
                + project.revisions().get(0) + "'\n");
        assertThatThrownBy(() -> RevisionGraph.load(List.of(versions))).hasMessageContaining("the history branches: ")
                .hasMessageContaining(" both follow " + project.revisions().get(0));
        Files.writeString(versions.resolve("fork.py"), "revision = 'f0f0'\ndown_revision = ('a', 'b')\n");
        assertThatThrownBy(() -> RevisionGraph.load(List.of(versions)))
                .hasMessageContaining("revision f0f0 merges several revisions ('a', 'b')");
    }
}
