package dev.runbook.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbook.action.ActionRegistry;
import dev.runbook.parse.RunbookSource;
import dev.runbook.validate.CheckedRunbook;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlannerTest {

    private static final String RUNBOOK = """
            format: 1
            name: tmws
            params:
              app_dir: { type: path, default: /srv/tmws }
              backup_dir: { type: path, default: "{{ params.app_dir }}/backups/pre-phase4" }
              mode: { type: string, default: 0755 }
              token: { type: string, secret: true, default: hunter2 }
              attempts: { type: int, default: 2 }
              reset: { type: enum, values: [soft, hard], default: soft }
            vars:
              db: "{{ params.app_dir }}/data/tmws.db"
            scenarios:
              database: { title: Database corruption, steps: [restore-db] }
            steps:
              - id: verify-backup
                action: backup.verify
                with: { dir: "{{ params.backup_dir }}" }
              - id: stop
                needs: []
                action: process.stop
                with: { match: "uvicorn.*tmws" }
              - id: restore-db
                needs: [stop, verify-backup]
                action: sqlite.restore
                with: { from: "{{ params.backup_dir }}/database/tmws.db.backup", to: "{{ vars.db }}" }
              - id: tests
                action: exec
                with: { cmd: [pytest, -q], env: { TOKEN: "{{ params.token }}" } }
                when: "{{ steps['restore-db'].outputs.bytes > 0 and params.token != '' }}"
              - id: compile
                action: exec
                readonly: true
                with: { cmd: [python, -m, py_compile, "{{ vars.db }}"] }
            """;

    private static Plan plan(PlanRequest request) throws PlanError {
        CheckedRunbook checked = CheckedRunbook.of(new RunbookSource("t.yaml", RUNBOOK), ActionRegistry.builtIn());
        assertThat(checked.problems()).isEmpty();
        return new Planner(checked.runbook().orElseThrow(), checked.graph().orElseThrow(), ActionRegistry.builtIn())
                .plan(request, Map.of("HOME", "/root"));
    }

    private static PlanRequest request(String scenario, List<String> only, String from, Map<String, String> params) {
        return new PlanRequest(Optional.ofNullable(scenario), only, Optional.ofNullable(from), params);
    }

    private static List<String> ids(Plan plan) {
        return plan.steps().stream().map(PlannedStep::id).toList();
    }

    @Test
    void scenarioPullsInWhatItsStepsNeedInGraphOrder() throws PlanError {
        Plan plan = plan(request("database", List.of(), null, Map.of()));
        assertThat(ids(plan)).containsExactly("verify-backup", "stop", "restore-db");
        assertThat(plan.steps().get(2).needs()).containsExactly("stop", "verify-backup");
    }

    @Test
    void onlyTakesExactlyTheNamedStepsAndSaysWhatItAssumes() throws PlanError {
        Plan plan = plan(request(null, List.of("restore-db"), null, Map.of()));
        assertThat(ids(plan)).containsExactly("restore-db");
        assertThat(plan.steps().get(0).assumed()).containsExactly("stop", "verify-backup");
    }

    @Test
    void fromStartsPartWayThroughGraphOrder() throws PlanError {
        assertThat(ids(plan(request(null, List.of(), "tests", Map.of())))).containsExactly("tests", "compile");
    }

    @Test
    void resolvesParamsAndVarsButLeavesStepOutputsForRunTime() throws PlanError {
        Plan plan = plan(request(null, List.of(), null, Map.of("app_dir", "/opt/t")));
        PlannedStep restore = plan.steps().get(2);
        assertThat(restore.with()).containsEntry("from", "/opt/t/backups/pre-phase4/database/tmws.db.backup")
                .containsEntry("to", "/opt/t/data/tmws.db");
        assertThat(restore.summary()).isEqualTo(
                "restore database /opt/t/data/tmws.db from /opt/t/backups/pre-phase4/database/tmws.db.backup");
        assertThat(plan.steps().get(3).when()).isEqualTo("{{ steps['restore-db'].outputs.bytes > 0 and params.token != '' }}");
        assertThat(plan.params()).containsEntry("mode", "0755").containsEntry("attempts", "2");
    }

    @Test
    void shellStringsQuoteEveryInsertedValueAndLoneReferencesKeepTheirType() throws PlanError {
        String runbook = """
                format: 1
                name: shell
                params:
                  dir: { type: path, default: "/srv/my app" }
                  empty: { type: string, default: "" }
                  n: { type: int, default: 20 }
                vars:
                  keep: ["workflows/local-*", "it's.json"]
                steps:
                  - id: snap
                    action: exec
                    with: { shell: "pip freeze > {{ params.dir }}/r.txt; [ -n {{ params.empty }} ]; echo {{ vars.keep[1] }}" }
                  - id: verify
                    action: backup.verify
                    with: { dir: "{{ params.dir }}", expect: { min_files: "{{ params.n }}" } }
                  - id: restore
                    action: backup.restore
                    with: { from: "{{ params.dir }}/b", to: "{{ params.dir }}", preserve: "{{ vars.keep }}" }
                    when: "{{ run.scenario is null and run.runbook == 'shell' }}"
                """;
        CheckedRunbook checked = CheckedRunbook.of(new RunbookSource("s.yaml", runbook), ActionRegistry.builtIn());
        assertThat(checked.problems()).isEmpty();
        Plan plan = new Planner(checked.runbook().orElseThrow(), checked.graph().orElseThrow(),
                ActionRegistry.builtIn()).plan(PlanRequest.all(), Map.of());
        assertThat(plan.steps().get(0).with()).containsEntry("shell",
                "pip freeze > '/srv/my app'/r.txt; [ -n '' ]; echo 'it'\\''s.json'");
        assertThat(plan.steps().get(1).with().get("expect")).isEqualTo(Map.of("min_files", 20L));
        assertThat(plan.steps().get(2).with()).containsEntry("preserve", List.of("workflows/local-*", "it's.json"));
        assertThat(plan.steps().get(2).when()).isEqualTo("true");
    }

    @Test
    void secretsAreMaskedInEveryRendering() throws PlanError {
        Plan plan = plan(request(null, List.of(), null, Map.of("token", "s3cr3t-value")));
        String text = TextPlanWriter.write(plan) + JsonPlanWriter.write(plan) + MermaidPlanWriter.write(plan);
        assertThat(text).doesNotContain("s3cr3t-value").contains("TOKEN").contains("***");
        assertThat(plan.params()).containsEntry("token", "***");
    }

    @Test
    void coverageCountsOpaqueStepsAndReadonlyExecAsProbed() throws PlanError {
        Plan plan = plan(request(null, List.of(), null, Map.of()));
        assertThat(plan.coverage()).isEqualTo("4 of 5 steps can be previewed from real state; opaque: tests");
        assertThat(TextPlanWriter.write(plan)).endsWith(
                "\npreview: 4 of 5 steps can be previewed from real state; opaque: tests\n");
    }

    @Test
    void parameterValuesAreCheckedAgainstTheirTypes() {
        assertThatThrownBy(() -> plan(request(null, List.of(), null, Map.of("attempts", "many"))))
                .hasMessage("-p attempts: parameter 'attempts' must be an integer, found \"many\"");
        assertThatThrownBy(() -> plan(request(null, List.of(), null, Map.of("reset", "hrad"))))
                .isInstanceOf(PlanError.class).hasMessageContaining("must be one of soft, hard")
                .extracting(e -> ((PlanError) e).hint()).isEqualTo("did you mean 'hard'?");
        assertThatThrownBy(() -> plan(request(null, List.of(), null, Map.of("app_dir", " "))))
                .hasMessage("-p app_dir: parameter 'app_dir' must be a path, found \" \"")
                .extracting(e -> ((PlanError) e).hint()).isEqualTo("give a folder or file; '.' is the working directory");
        assertThatThrownBy(() -> plan(request(null, List.of(), null, Map.of("app_dri", "/x"))))
                .hasMessage("unknown parameter 'app_dri' (-p app_dri=...)")
                .extracting(e -> ((PlanError) e).hint()).isEqualTo("did you mean 'app_dir'?");
    }

    @Test
    void unknownScenarioAndStepsAreUserErrorsWithSuggestions() {
        assertThatThrownBy(() -> plan(request("databse", List.of(), null, Map.of())))
                .hasMessage("unknown scenario 'databse'")
                .extracting(e -> ((PlanError) e).hint()).isEqualTo("did you mean 'database'?");
        assertThatThrownBy(() -> plan(request(null, List.of("stpo"), null, Map.of())))
                .hasMessage("--only: unknown step 'stpo'");
    }

    @Test
    void jsonAndMermaidCarryTheSameGraph() throws Exception {
        Plan plan = plan(request("database", List.of(), null, Map.of()));
        JsonNode json = new ObjectMapper().readTree(JsonPlanWriter.write(plan));
        assertThat(json.get("steps")).hasSize(3);
        assertThat(json.get("steps").get(2).get("needs").toString()).isEqualTo("[\"stop\",\"verify-backup\"]");
        assertThat(json.get("coverage").get("previewed").asInt()).isEqualTo(3);
        assertThat(MermaidPlanWriter.write(plan)).isEqualTo("""
                flowchart TD
                  s1["verify-backup<br/><small>backup.verify</small>"]
                  s2["stop<br/><small>process.stop</small>"]
                  s3["restore-db<br/><small>sqlite.restore</small>"]
                  s2 --> s3
                  s1 --> s3
                """);
    }
}
