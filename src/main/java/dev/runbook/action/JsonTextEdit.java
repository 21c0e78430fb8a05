package dev.runbook.action;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sets one field in a JSON document's text and leaves every other byte as it was: an existing
 * value's text is replaced where it stands; a new field is added after its object's last member,
 * on a line of its own with the indentation and {@code ":"} spacing of that member (or inline, in
 * a one-line object). So a reviewed or versioned file shows exactly the fields set as its diff,
 * not a rewrite in another style with keys reordered.
 */
final class JsonTextEdit {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where a member's key and value are in the text. */
    private record Member(int keyStart, int keyEnd, int valueStart, int valueEnd) {
    }

    /** Where an object's braces are, and its last member (null when empty). */
    private record ObjectSpan(int open, int close, Member last) {
    }

    private final Map<List<String>, Member> members = new HashMap<>();
    private final Map<List<String>, ObjectSpan> objects = new HashMap<>();
    private final String text;
    /** The file's line ending, for the lines a new member adds. */
    private final String newline;

    private JsonTextEdit(String text) {
        this.text = text;
        this.newline = text.contains("\r\n") ? "\r\n" : "\n";
    }

    /** The text with {@code path} set to {@code value}; empty when the text cannot be read this way. */
    static Optional<String> set(String text, List<String> path, JsonNode value) {
        JsonTextEdit edit = new JsonTextEdit(text);
        try (JsonParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            edit.value(parser, List.of());
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(edit.apply(path, value));
    }

    private String apply(List<String> path, JsonNode value) {
        Member existing = members.get(path);
        if (existing != null) {
            String indent = indentOf(existing.keyStart());
            return text.substring(0, existing.valueStart()) + write(value, indent, unit(indent))
                    + text.substring(existing.valueEnd());
        }
        int depth = path.size() - 1;
        while (!objects.containsKey(path.subList(0, depth))) {
            depth--; // the deepest object on the path that exists; the rest is created inside it
        }
        JsonNode inserted = value;
        for (int i = path.size() - 1; i > depth; i--) {
            inserted = JSON.createObjectNode().set(path.get(i), inserted);
        }
        return insert(objects.get(path.subList(0, depth)), path.get(depth), inserted);
    }

    private String insert(ObjectSpan object, String name, JsonNode value) {
        String key = quote(name);
        if (object.last() != null) {
            Member last = object.last();
            boolean multiline = text.substring(object.open(), object.close()).indexOf('\n') >= 0;
            String indent = indentOf(last.keyStart());
            String colon = text.substring(last.keyEnd(), last.valueStart());
            String separator = multiline ? newline + indent : " ";
            int at = last.valueEnd();
            return text.substring(0, at) + "," + separator + key + colon + write(value, indent, unit(indent))
                    + text.substring(at);
        }
        String outer = indentOf(object.open());
        boolean multiline = text.indexOf('\n') >= 0;
        String inner = multiline ? outer + unit(outer) : "";
        String member = key + ": " + write(value, inner, unit(outer));
        return text.substring(0, object.open() + 1) + (multiline ? newline + inner + member + newline + outer : member)
                + text.substring(object.close());
    }

    /** A value as text: scalars as JSON literals; objects and arrays laid out like their surroundings. */
    private String write(JsonNode value, String indent, String unit) {
        try {
            if (!value.isContainerNode() || value.isEmpty()) {
                return JSON.writeValueAsString(value);
            }
            boolean object = value.isObject();
            StringBuilder out = new StringBuilder(object ? "{" : "[");
            String separator = unit.isEmpty() ? " " : newline + indent + unit;
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            Iterator<JsonNode> items = value.elements();
            boolean first = true;
            while (object ? fields.hasNext() : items.hasNext()) {
                out.append(first ? "" : ",").append(separator);
                first = false;
                if (object) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    out.append(quote(field.getKey())).append(": ").append(write(field.getValue(), indent + unit, unit));
                } else {
                    out.append(write(items.next(), indent + unit, unit));
                }
            }
            return out.append(unit.isEmpty() ? " " : newline + indent).append(object ? "}" : "]").toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON value cannot be written", e);
        }
    }

    private void value(JsonParser parser, List<String> path) throws IOException {
        if (parser.currentToken() == JsonToken.START_ARRAY) {
            parser.skipChildren();
            return;
        }
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.finishToken(); // a string's text is read lazily: its end is known only now
            return;
        }
        int open = offset(parser);
        Member last = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            int keyStart = offset(parser);
            String name = parser.currentName();
            parser.nextToken();
            int valueStart = offset(parser);
            List<String> child = new ArrayList<>(path);
            child.add(name);
            value(parser, List.copyOf(child));
            last = new Member(keyStart, keyEnd(keyStart), valueStart, (int) parser.currentLocation().getCharOffset());
            members.put(List.copyOf(child), last);
        }
        objects.put(path, new ObjectSpan(open, offset(parser), last));
    }

    private static int offset(JsonParser parser) {
        return (int) parser.currentTokenLocation().getCharOffset();
    }

    /** Just after the closing quote of the key that starts at start. */
    private int keyEnd(int start) {
        for (int i = start + 1; i < text.length(); i++) {
            if (text.charAt(i) == '\\') {
                i++;
            } else if (text.charAt(i) == '"') {
                return i + 1;
            }
        }
        return text.length();
    }

    private String indentOf(int offset) {
        int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        int end = lineStart;
        while (end < text.length() && (text.charAt(end) == ' ' || text.charAt(end) == '\t')) {
            end++;
        }
        return text.substring(lineStart, end);
    }

    /** One level of indentation as the file writes it: a tab, or its first indented line's spaces. */
    private String unit(String around) {
        if (text.indexOf('\n') < 0) {
            return "";
        }
        if (around.startsWith("\t")) {
            return "\t";
        }
        java.util.regex.Matcher first = java.util.regex.Pattern.compile("\n([ \t]+)\\S").matcher(text);
        return first.find() ? first.group(1) : "  ";
    }

    private static String quote(String name) {
        try {
            return JSON.writeValueAsString(name);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
