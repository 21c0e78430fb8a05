package dev.runbook.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The note a resume puts on a report it supersedes: at the top of a Markdown file, after the body
 * tag of an HTML one (escaped), and a later resume's note replaces the earlier one instead of
 * stacking up. The whole flow on real runs is in ResumeHistoryTest.
 */
class SupersededNoteTest {

    @Test
    void markdownGetsAParagraphOnTopAndALaterNoteReplacesIt() {
        String once = SupersededReports.noted(Path.of("FAILURE_REPORT.md"), "# Report\n\nbody\n",
                "Superseded: run r1 was resumed at T1 and ended failed.");
        assertThat(once).isEqualTo("> **Superseded**: run r1 was resumed at T1 and ended failed.\n\n# Report\n\nbody\n");
        String twice = SupersededReports.noted(Path.of("FAILURE_REPORT.md"), once,
                "Superseded: run r1 was resumed at T2 and ended succeeded.");
        assertThat(twice).isEqualTo("> **Superseded**: run r1 was resumed at T2 and ended succeeded.\n\n# Report\n\n"
                + "body\n");
    }

    @Test
    void htmlGetsAnEscapedParagraphAfterTheBodyTag() {
        String page = "<html><head><title>x</title></head>\n<body class=\"a\">\n<h1>run</h1>\n</body></html>\n";
        String once = SupersededReports.noted(Path.of("summary.html"), page, "Superseded: <b> & co");
        assertThat(once).isEqualTo("<html><head><title>x</title></head>\n<body class=\"a\">\n"
                + "<p class=\"runbook-superseded\" role=\"note\"><strong>Superseded: &lt;b&gt; &amp; co</strong></p>\n"
                + "<h1>run</h1>\n</body></html>\n");
        String twice = SupersededReports.noted(Path.of("summary.html"), once, "Superseded: again");
        assertThat(twice).contains("<strong>Superseded: again</strong>").doesNotContain("&amp; co");
    }
}
