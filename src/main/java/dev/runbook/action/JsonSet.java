package dev.runbook.action;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbook.spec.ValueType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * json.set: fields of a JSON file by dotted path (the prAxIs OS session's metadata.status). Written
 * atomically beside the file; the previous file is kept as {@code FILE.before-<run-id>} (a new
 * number when that exists). Setting values a file already has writes nothing. Only the fields set
 * change in the file's text ({@link JsonTextEdit}): the rest keeps its layout and key order.
 *
 * <p>Arguments arrive as text, so a value takes the JSON type of the field it replaces: "3" stays a
 * string where the field was a string and becomes a number where it was a number. A new field
 * takes true, false, null and numbers as JSON literals and anything else as a string.
 */
final class JsonSet implements BuiltIn {

    static final Param<Path> FILE = Param.path("file", "The JSON file.", ".praxis-os/state/session.json").required();
    static final Param<Map<String, Object>> SET = Param.map("set", ValueType.ANY, "Dotted paths and their new values.",
            "{ metadata.status: rolled_back, metadata.rolled_back_at: \"{{ run.now }}\" }").required();
    static final Param<Boolean> CREATE = Param.bool("create", "Create the file when it does not exist.", "true")
            .byDefault("false");

    static final Output<Map<String, Object>> PREVIOUS = Output.map("previous", "The fields' values before.");
    static final Output<Path> KEPT_AS = Output.path("kept_as", "Where the previous file was kept (empty when nothing "
            + "was written).");

    private static final ActionSpec SPEC = ActionSpec.define("json.set", "Set fields of a JSON file (dotted paths), "
                    + "written atomically; the previous file is kept beside it. Only the fields set change in the "
                    + "file's text: the rest keeps its layout and key order, and a new field follows its neighbours' "
                    + "indentation.")
            .params(FILE, SET, CREATE)
            .outputs(PREVIOUS, KEPT_AS)
            .plan("set {set} in {file}")
            .build();

    /**
     * Created on first use, not when the registry builds every action: a static mapper made every
     * `validate` load some 375 Jackson classes it never uses (+20-35 % start-up CPU, PERFORMANCE.md).
     */
    private static final class Mapper {
        static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
    private static final String BOM = "\uFEFF";

    @Override
    public ActionSpec spec() {
        return SPEC;
    }

    @Override
    public Preview preview(StepContext context) throws ActionException {
        Path file = context.path(FILE).normalize();
        SimulatedState simulated = context.run().simulated();
        Optional<String> replacer = simulated.changedBy(file).or(() -> simulated.movedBy(file));
        simulated.wouldChange(context.stepId(), file);
        List<String> effects = new ArrayList<>();
        replacer.ifPresent(step -> effects.add("the edit below is previewed against " + file + " as it is now; step '"
                + step + "' would replace it first, so what this edit would change there cannot be known until then"));
        Edit edit;
        try {
            edit = edit(context);
        } catch (ActionException e) {
            if (!e.refused() || replacer.isEmpty()) {
                throw e;
            }
            // Today's content is not what this step would edit: the earlier step's file decides.
            effects.set(0, "cannot preview the edit: " + e.getMessage() + " now; step '" + replacer.get()
                    + "' would replace " + file + " first");
            return new Preview(PreviewKind.SIMULATED, effects, Map.of());
        }
        int notes = effects.size();
        edit.changes().forEach(change -> effects.add("would set " + change));
        if (effects.size() == notes) {
            effects.add(edit.file() + " already has these values: nothing to write");
        } else {
            effects.add(notes, (edit.created() ? "would create " : "would rewrite ") + edit.file()
                    + (edit.created() ? "" : ", keeping the current one beside it"));
        }
        return new Preview(PreviewKind.SIMULATED, effects, new Outputs().put(PREVIOUS, edit.previous()).map());
    }

    @Override
    public Outcome run(StepContext context) throws ActionException {
        Edit edit = edit(context);
        Outputs outputs = new Outputs().put(PREVIOUS, edit.previous()).put(KEPT_AS, Path.of(""));
        if (edit.changes().isEmpty()) {
            return Outcome.ok(outputs.map());
        }
        try {
            byte[] bytes = text(edit).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Path kept = AsideReplace.replace(edit.file(), bytes, "before-" + context.run().runId());
            outputs.put(KEPT_AS, kept == null ? Path.of("") : kept);
            JsonNode written = Mapper.JSON.readTree(Files.readAllBytes(edit.file()));
            if (!written.equals(Mapper.JSON.readTree(bytes))) {
                return Outcome.failed(edit.file() + " does not hold the new values after writing it", outputs.map());
            }
        } catch (IOException e) {
            throw new ActionException("cannot write " + edit.file() + " (left as it was): " + e.getMessage(), e);
        }
        return Outcome.ok(outputs.map());
    }

    /**
     * The new text: the file's own text with only the set fields' values replaced or added (same
     * key order, indentation and spacing, so its diff is those fields). Should that ever not parse
     * back to the intended document, the whole document is written instead: right before tidy.
     */
    private static String text(Edit edit) throws IOException {
        if (edit.original() != null) {
            // A byte order mark is kept as it was, and not shown to the parser (which reads text).
            String bom = edit.original().startsWith(BOM) ? BOM : "";
            Optional<String> text = Optional.of(edit.original().substring(bom.length()));
            for (Setting setting : edit.settings()) {
                text = text.flatMap(t -> JsonTextEdit.set(t, setting.path(), setting.value()));
            }
            if (text.isPresent() && Mapper.JSON.readTree(text.get()).equals(edit.root())) {
                return bom + text.get();
            }
        }
        return Mapper.JSON.writeValueAsString(edit.root()) + "\n";
    }

    /** One field to set: its path of keys and its new value. */
    private record Setting(List<String> path, JsonNode value) {
    }

    /** The file, its text and new content, what changed (for people) and the values before (for later steps). */
    private record Edit(Path file, boolean created, String original, ObjectNode root, List<Setting> settings,
                        List<String> changes, Map<String, Object> previous) {
    }

    private static Edit edit(StepContext context) throws ActionException {
        Path file = context.path(FILE).normalize();
        boolean created = !Files.exists(file);
        if (created && !context.get(CREATE)) {
            throw ActionException.refused(file + " does not exist; set create: true to create it");
        }
        String original = created ? null : readText(file);
        ObjectNode root = created ? JsonNodeFactory.instance.objectNode() : read(file, original);
        List<Setting> settings = new ArrayList<>();
        List<String> changes = new ArrayList<>();
        Map<String, Object> previous = new LinkedHashMap<>();
        for (Map.Entry<String, Object> field : context.get(SET).entrySet()) {
            String[] parts = field.getKey().split("\\.", -1);
            ObjectNode parent = root;
            for (int i = 0; i < parts.length - 1; i++) {
                JsonNode next = parent.get(parts[i]);
                if (next == null) {
                    next = parent.putObject(parts[i]);
                } else if (!next.isObject()) {
                    throw ActionException.refused("cannot set " + field.getKey() + " in " + file + ": "
                            + String.join(".", java.util.Arrays.copyOf(parts, i + 1)) + " is " + next.getNodeType()
                            .name().toLowerCase(java.util.Locale.ROOT) + ", not an object");
                }
                parent = (ObjectNode) next;
            }
            String name = parts[parts.length - 1];
            JsonNode old = parent.get(name);
            JsonNode value = JsonValues.typed(field.getValue(), old);
            previous.put(field.getKey(), old == null ? null : Mapper.JSON.convertValue(old, Object.class));
            if (!value.equals(old)) {
                changes.add(field.getKey() + ": " + (old == null ? "(absent)" : old.toString()) + " -> " + value);
                parent.set(name, value);
                settings.add(new Setting(List.of(parts), value));
            }
        }
        return new Edit(file, created, original, root, settings, changes, previous);
    }

    private static String readText(Path file) throws ActionException {
        try {
            return Files.readString(file);
        } catch (java.nio.charset.MalformedInputException e) {
            throw ActionException.refused(file + " is not UTF-8 text; json.set edits JSON files");
        } catch (IOException e) {
            throw ActionException.refused("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static ObjectNode read(Path file, String text) throws ActionException {
        try {
            JsonNode node = Mapper.JSON.readTree(text.startsWith(BOM) ? text.substring(1) : text);
            if (node == null || !node.isObject()) {
                throw ActionException.refused(file + " does not hold a JSON object; json.set edits fields of an object");
            }
            return (ObjectNode) node;
        } catch (JsonProcessingException e) {
            throw ActionException.refused(file + " is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + "): " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ActionException.refused("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
