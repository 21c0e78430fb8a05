package dev.runbook.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateScannerTest {

    private static List<String> refs(String text) {
        TemplateScanner.Scan scan = TemplateScanner.scan(text);
        assertThat(scan.error()).as(text).isNull();
        return scan.references().stream().map(r -> r.dotted() + "@" + r.start()).toList();
    }

    @Test
    void findsDottedAndBracketedPaths() {
        assertThat(refs("{{ params.app_dir }}/data/{{ steps['restore-db'].outputs.kept_as }}"))
                .containsExactly("params.app_dir@3", "steps.restore-db.outputs.kept_as@29");
    }

    @Test
    void filterFunctionAndTestNamesAreNotVariables() {
        assertThat(refs("{{ params.a | default(vars.b) | upper }} {{ range(1, 3) }} {{ params.c is not null }}"))
                .containsExactly("params.a@3", "vars.b@22", "params.c@62");
    }

    @Test
    void literalsKeywordsAndLoopVariablesAreNotVariables() {
        assertThat(refs("{% for f in vars.files %}{{ f }} {{ 'params.x' }}{% endfor %}"
                + "{% set n = 3 %}{{ n > 2 and true }}{% if steps.a.status == \"ok\" %}y{% endif %}"))
                .containsExactly("vars.files@12", "steps.a.status@102");
    }

    @Test
    void reportsUnclosedBlocksAndStrings() {
        assertThat(TemplateScanner.scan("a {{ params.x ").error()).isEqualTo("unclosed '{{'");
        assertThat(TemplateScanner.scan("{{ 'abc }}").error()).isEqualTo("unclosed string literal");
        assertThat(TemplateScanner.scan("{# note").error()).isEqualTo("unclosed comment '{#'");
        assertThat(TemplateScanner.scan("{{ }}").error()).isEqualTo("empty '{{ }}'");
    }

    @Test
    void plainTextAndSingleBracesAreNotTemplates() {
        assertThat(TemplateScanner.isTemplate("{ a: b } ${HOME}")).isFalse();
        assertThat(refs("json {\"a\": 1}")).isEmpty();
    }
}
