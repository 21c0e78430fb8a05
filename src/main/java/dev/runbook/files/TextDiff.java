package dev.runbook.files;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Unified diffs of small text files (UTF-8, no NUL), for previews; anything else has none. */
public final class TextDiff {

    public static final long MAX_BYTES = 64 * 1024;
    public static final int MAX_LINES = 200;

    private TextDiff() {
    }

    /** The diff of current against restored, labelled with name; empty when either is not small text. */
    public static Optional<List<String>> unified(String name, Path current, Path restored) throws IOException {
        Optional<List<String>> before = text(current);
        Optional<List<String>> after = text(restored);
        if (before.isEmpty() || after.isEmpty()) {
            return Optional.empty();
        }
        List<String> diff = UnifiedDiffUtils.generateUnifiedDiff("a/" + name, "b/" + name, before.get(),
                DiffUtils.diff(before.get(), after.get()), 3);
        if (diff.size() > MAX_LINES) {
            List<String> cut = new java.util.ArrayList<>(diff.subList(0, MAX_LINES));
            cut.add("... (" + (diff.size() - MAX_LINES) + " more diff lines)");
            return Optional.of(cut);
        }
        return Optional.of(diff);
    }

    private static Optional<List<String>> text(Path file) throws IOException {
        if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_BYTES) {
            return Optional.empty();
        }
        byte[] bytes = Files.readAllBytes(file);
        for (byte b : bytes) {
            if (b == 0) {
                return Optional.empty();
            }
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return Optional.of(text.lines().toList());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
