package dev.runbook.action;

import dev.runbook.files.Refusal;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** backup.create, backup.find, backup.verify, backup.restore and file.restore over dev.runbook.files. */
final class FileImplementations {

    private FileImplementations() {
    }

    static Map<String, Action> all() {
        return Map.of("backup.create", new BackupCreate(),
                "backup.find", new BackupFind(),
                "backup.verify", new BackupVerify(),
                "backup.restore", new RestoreAction(true),
                "file.restore", new RestoreAction(false));
    }

    static Path path(StepContext context, String value) {
        return context.workDir().resolve(value).normalize();
    }

    /** A body that may refuse or fail on I/O, run so that either becomes a one-line ActionException. */
    interface FileWork<T> {
        T run() throws IOException, Refusal, ActionException;
    }

    static <T> T refusing(String what, FileWork<T> work) throws ActionException {
        try {
            return work.run();
        } catch (Refusal e) {
            throw new ActionException(e.getMessage());
        } catch (java.nio.file.AccessDeniedException e) {
            throw new ActionException(what + ": permission denied on " + e.getFile());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ActionException(what + ": " + e.getFile() + " does not exist");
        } catch (IOException e) {
            throw new ActionException(what + ": " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
        }
    }
}
