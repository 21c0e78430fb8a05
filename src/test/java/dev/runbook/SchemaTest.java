package dev.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.runbook.action.ActionRegistry;
import dev.runbook.schema.ActionDocs;
import dev.runbook.schema.SchemaGenerator;
import dev.runbook.support.Fixtures;
import dev.runbook.support.YamlJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated JSON Schema agrees with the validator: it accepts every valid and shipped runbook,
 * and for each invalid fixture does what the fixture's "# schema:" line says (rejects or accepts).
 */
class SchemaTest {

    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws Exception {
        JsonNode json = new ObjectMapper().readTree(new SchemaGenerator(ActionRegistry.builtIn()).json());
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(json);
    }

    static Stream<Path> valid() {
        return Stream.concat(Fixtures.valid().stream(), Fixtures.shipped().stream());
    }

    static Stream<Path> invalid() {
        return Fixtures.invalid().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void schemaAcceptsValidRunbooks(Path file) {
        Optional<JsonNode> json = YamlJson.convert(Fixtures.read(file));
        assertThat(json).isPresent();
        assertThat(schema.validate(json.get())).as(file.toString()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void schemaVerdictOnInvalidFixtureIsAsDeclared(Path file) {
        String declared = Fixtures.schemaVerdict(file);
        assertThat(declared).as("%s says '# schema: rejects' or '# schema: accepts'", file).isIn("rejects", "accepts");
        Optional<JsonNode> json = YamlJson.convert(Fixtures.read(file));
        Set<ValidationMessage> errors = json.map(schema::validate).orElse(Set.of());
        boolean rejected = json.isEmpty() || !errors.isEmpty();
        assertThat(rejected ? "rejects" : "accepts").as("%s: %s", file, errors).isEqualTo(declared);
    }

    @Test
    void schemaIsDraft07WithEveryActionsArguments() throws Exception {
        JsonNode json = new ObjectMapper().readTree(new SchemaGenerator(ActionRegistry.builtIn()).json());
        assertThat(json.get("$schema").asText()).isEqualTo("http://json-schema.org/draft-07/schema#");
        for (String action : ActionRegistry.builtIn().names()) {
            assertThat(json.get("definitions").has("with." + action)).as(action).isTrue();
        }
    }

    @Test
    void actionsReferenceInDocsIsGeneratedFromTheRegistry() throws Exception {
        String generated = new ActionDocs(ActionRegistry.builtIn()).markdown();
        String committed = Files.readString(Path.of("docs/ACTIONS.md"));
        assertThat(committed)
                .as("docs/ACTIONS.md is stale: run 'bin/runbook schema --format markdown > docs/ACTIONS.md'")
                .isEqualTo(generated);
    }
}
