package dev.runbook.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pebble set up safely for reports: where templates come from, escaping, strictness, limits. */
class ReportTemplatesTest {

    @TempDir
    Path dir;

    private ReportTemplates templates(Path... roots) {
        return new ReportTemplates(new TemplateRoots(List.of(roots)));
    }

    private Path write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    @Test
    void aValueFromTheRunIsShownAsTextNeverExecuted() throws Exception {
        Path root = dir.resolve("templates");
        write(root.resolve("page.html.peb"), "<p>{{ stderr }}</p>");
        write(root.resolve("notes.md.peb"), "{{ stderr | md }}\n{{ stderr | fence }}");
        String value = "<script>alert(1)</script> {{7*7}} {% include 'secret.txt' %} ```";
        String html = templates(root).render("page.html.peb", Map.of("stderr", value));
        assertThat(html).isEqualTo("<p>&lt;script&gt;alert(1)&lt;/script&gt; {{7*7}} {% include &#39;secret.txt&#39; %} "
                + "```</p>");
        String markdown = templates(root).render("notes.md.peb", Map.of("stderr", value));
        assertThat(markdown).startsWith("&lt;script&gt;alert(1)&lt;/script&gt; {{7\\*7}}")
                .contains("\n````text\n" + value + "\n````").doesNotContain("49");
    }

    @Test
    void includesCannotReachOutsideTheTemplateDirectories() throws Exception {
        Path root = dir.resolve("templates");
        write(dir.resolve("secret.txt"), "TOP SECRET");
        write(root.resolve("part.peb"), "part ok");
        write(root.resolve("good.md.peb"), "{% include 'part.peb' %}");
        write(root.resolve("up.md.peb"), "{% include '../secret.txt' %}");
        write(root.resolve("absolute.md.peb"), "{% include '" + dir.resolve("secret.txt") + "' %}");
        Files.createSymbolicLink(root.resolve("link.peb"), dir.resolve("secret.txt"));
        write(root.resolve("symlink.md.peb"), "{% include 'link.peb' %}");
        ReportTemplates templates = templates(root);
        assertThat(templates.render("good.md.peb", Map.of())).isEqualTo("part ok");
        for (String name : List.of("up.md.peb", "absolute.md.peb", "symlink.md.peb")) {
            assertThatThrownBy(() -> templates.render(name, Map.of())).isInstanceOf(ReportException.class)
                    .hasMessageNotContaining("TOP SECRET");
        }
        assertThatThrownBy(() -> templates.render("../secret.txt", Map.of())).isInstanceOf(ReportException.class)
                .hasMessageContaining("must be a plain relative name");
    }

    @Test
    void anUndefinedNameIsAnErrorNamingItAndItsLine() throws Exception {
        Path root = dir.resolve("templates");
        write(root.resolve("typo.md.peb"), "ok\n{{ run.idd }}");
        assertThatThrownBy(() -> templates(root).render("typo.md.peb", Map.of("run", Map.of("id", "x"))))
                .hasMessage("template typo.md.peb: undefined name 'idd' (line 2)");
    }

    @Test
    void noMethodOfARunValueCanBeCalled() throws Exception {
        Path root = dir.resolve("templates");
        write(root.resolve("m.md.peb"), "[{{ value.getClass().getName() }}][{{ value.length() }}]");
        assertThatThrownBy(() -> templates(root).render("m.md.peb", Map.of("value", "abc")))
                .isInstanceOf(ReportException.class);
    }

    @Test
    void theRenderedSizeIsCapped() throws Exception {
        Path root = dir.resolve("templates");
        write(root.resolve("big.md.peb"), "{% for i in range(1, 200000) %}{{ line }}{% endfor %}");
        assertThatThrownBy(() -> templates(root).render("big.md.peb", Map.of("line", "x".repeat(100))))
                .isInstanceOf(ReportException.class).hasMessageContaining("big.md.peb");
    }

    @Test
    void aDirectoryTemplateComesFirstThenTheBundledOnes() throws Exception {
        Path root = dir.resolve("templates");
        write(root.resolve("run-summary.md.peb"), "mine: {{ run.id }}");
        assertThat(templates(root).render("run-summary.md.peb", Map.of("run", Map.of("id", "r1"))))
                .isEqualTo("mine: r1");
        assertThat(new TemplateRoots(List.of()).describe("run-summary.md.peb")).contains("(bundled) run-summary.md.peb");
        assertThatThrownBy(() -> templates(root).render("nope.md.peb", Map.of()))
                .hasMessage("no template 'nope.md.peb' in " + root + ", the templates bundled with runbook");
    }
}
