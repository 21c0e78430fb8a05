package dev.runbook.app;

import dev.runbook.parse.RunbookSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a runbook file as strict UTF-8, turning every failure into a one-line {@link Refusal}. */
public final class RunbookFiles {

    static final long MAX_BYTES = 32L * 1024 * 1024;

    private RunbookFiles() {
    }

    public static RunbookSource read(String name) throws Refusal {
        Path path = Path.of(name);
        try {
            if (Files.isDirectory(path)) {
                throw new Refusal(Refusal.Kind.NO_INPUT, "cannot read '" + name + "': it is a directory",
                        "name the runbook's .yaml file");
            }
            if (Files.size(path) > MAX_BYTES) {
                throw new Refusal(Refusal.Kind.INVALID, "'" + name + "' is larger than 32 MiB",
                        "a runbook this large is not a runbook; split it");
            }
            byte[] bytes = Files.readAllBytes(path);
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return new RunbookSource(name, text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (NoSuchFileException e) {
            throw new Refusal(Refusal.Kind.NO_INPUT, "cannot read '" + name + "': no such file",
                    "check the path; it is relative to " + Path.of("").toAbsolutePath());
        } catch (AccessDeniedException e) {
            throw new Refusal(Refusal.Kind.NO_INPUT, "cannot read '" + name + "': permission denied", null);
        } catch (CharacterCodingException e) {
            throw new Refusal(Refusal.Kind.INVALID, "'" + name + "' is not UTF-8 text", "save it as UTF-8");
        } catch (IOException e) {
            throw new Refusal(Refusal.Kind.NO_INPUT, "cannot read '" + name + "': " + e.getMessage(), null);
        }
    }
}
