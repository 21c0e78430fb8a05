package dev.runbook.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbook.source.Problems;
import dev.runbook.support.Fixtures;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class YamlLoaderTest {

    private final Problems problems = new Problems();

    private Optional<Node> load(String text) {
        return YamlLoader.load("t.yaml", text, problems);
    }

    private List<String> problems() {
        return Fixtures.render(problems.sorted());
    }

    @Test
    void keepsPositionsOfEveryValue() {
        Mapping root = (Mapping) load("a: 1\nb:\n  - x\n  - { c: d }\n").orElseThrow();
        Sequence b = (Sequence) root.get("b").orElseThrow();
        assertThat(b.items().get(0).location().toString()).isEqualTo("t.yaml:3:5");
        Mapping flow = (Mapping) b.items().get(1);
        assertThat(flow.get("c").orElseThrow().location().toString()).isEqualTo("t.yaml:4:10");
    }

    @Test
    void yaml12KeepsOnNoAndOctalLookalikesAsTheirText() {
        Mapping root = (Mapping) load("a: on\nb: NO\nc: 0755\nd: '07'\n").orElseThrow();
        assertThat(root.entries()).extracting(e -> ((Scalar) e.value()).text()).containsExactly("on", "NO", "0755", "07");
        assertThat(((Scalar) root.get("d").orElseThrow()).plain()).isFalse();
    }

    @Test
    void refusesDuplicateKeysEveryOneOfThem() {
        load("a: 1\nb: 2\na: 3\nb: 4\n");
        assertThat(problems()).containsExactly(
                "3:1: duplicate key 'a' (first at line 1)", "  hint: remove one of them",
                "4:1: duplicate key 'b' (first at line 2)", "  hint: remove one of them");
    }

    @Test
    void refusesMergeKeys() {
        load("base: &b { x: 1 }\nother:\n  <<: *b\n  y: 2\n");
        assertThat(problems()).containsExactly("3:3: merge keys ('<<') are not supported",
                "  hint: write the keys out; anchors may still name whole values");
    }

    @Test
    void anAnsibleInventoryMergesWithItsOwnKeysWinningAndKeepsVaultValuesAsText() {
        Mapping root = (Mapping) YamlLoader.load("t.yaml", """
                base: &b { x: 1, y: 1, z: 1 }
                more: &m { y: m, w: m }
                host:
                  y: own
                  <<: [*m, *b]
                  pw: !vault |
                    $ANSIBLE_VAULT;1.1;AES256
                    3338
                """, problems, Dialect.ANSIBLE_INVENTORY).orElseThrow();
        assertThat(problems()).isEmpty();
        Mapping host = (Mapping) root.get("host").orElseThrow();
        assertThat(host.entries()).extracting(e -> e.name() + "=" + ((Scalar) e.value()).text().strip()).containsExactly(
                "y=own", "pw=$ANSIBLE_VAULT;1.1;AES256\n3338", "w=m", "x=1", "z=1");
        // A duplicate key: the later value, with a warning, as Ansible does; !unsafe and !!str are text.
        Mapping dup = (Mapping) YamlLoader.load("t.yaml", "a: 1\nb: !unsafe '{{ x }}'\nc: !!str 2\na: 3\n", problems,
                Dialect.ANSIBLE_INVENTORY).orElseThrow();
        assertThat(dup.entries()).extracting(e -> e.name() + "=" + ((Scalar) e.value()).text())
                .containsExactly("b={{ x }}", "c=2", "a=3");
        assertThat(problems.warnings()).extracting(w -> w.location() + ": " + w.message()).containsExactly(
                "t.yaml:4:1: duplicate key 'a' (first at line 1): this later value is used, as Ansible uses it");
        // What is not a mapping cannot be merged; any other tag is still refused there.
        YamlLoader.load("t.yaml", "a: { <<: [1] }\nb: !include x\n", problems, Dialect.ANSIBLE_INVENTORY);
        assertThat(problems()).containsExactly(
                "1:11: a merge key ('<<') takes a mapping or a list of mappings, not a string",
                "  hint: name a mapping's anchor: <<: *defaults",
                "2:4: YAML tags are not allowed (found '!include')",
                "  hint: remove the tag; quote the value if it must stay a string");
    }

    @Test
    void refusesTagsEvenStandardOnes() {
        load("a: !!python/object:os.system x\nb: !include other.yaml\n");
        assertThat(problems()).containsExactly(
                "1:4: YAML tags are not allowed (found '!!python/object:os.system')",
                "  hint: remove the tag; quote the value if it must stay a string",
                "2:4: YAML tags are not allowed (found '!include')",
                "  hint: remove the tag; quote the value if it must stay a string");
    }

    @Test
    void capsNestingDepthWithoutOverflowingTheStack() {
        String deep = "a: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
        assertThat(load(deep)).isEmpty();
        assertThat(problems()).containsExactly("1:67: YAML nested deeper than 64 levels",
                "  hint: a runbook never needs this much nesting");
    }

    @Test
    void stopsAnAliasBombBeforeItExpands() {
        StringBuilder text = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 40; i++) {
            text.append("a").append(i).append(": &a").append(i).append(" [");
            text.append(("*a" + (i - 1) + ", ").repeat(9)).append("*a").append(i - 1).append("]\n");
        }
        assertThat(load(text.toString())).isEmpty();
        assertThat(problems()).hasSize(2);
        assertThat(problems().get(0)).contains("too many aliases");
    }

    @Test
    void syntaxErrorHasItsPositionAndAHint() {
        load("steps:\n  - id: a\n    action: exec\n   with: {}\n");
        assertThat(problems()).hasSize(2);
        assertThat(problems().get(0)).startsWith("4:4: invalid YAML: ");
    }

    @Test
    void secondDocumentAndEmptyFileAreRefused() {
        load("a: 1\n---\nb: 2\n");
        assertThat(problems()).containsExactly("2:1: a second YAML document ('---') in one runbook file",
                "  hint: put each runbook in its own file");
        Problems empty = new Problems();
        assertThat(YamlLoader.load("e.yaml", "# only a comment\n", empty)).isEmpty();
        assertThat(Fixtures.render(empty.sorted())).containsExactly("1:1: the file is empty",
                "  hint: a runbook starts with 'format: 1'");
    }
}
