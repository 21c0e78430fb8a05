package dev.runbook.alembic;

import java.util.Optional;

/** One migration script: its id, the revision it follows (empty for the first), its message, its file. */
public record Revision(String id, Optional<String> down, String message, String file) {

    /** "c3d4e5f6a7b8: add orders table" */
    public String describe() {
        return id + (message.isEmpty() ? "" : ": " + message);
    }
}
