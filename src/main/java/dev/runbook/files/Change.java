package dev.runbook.files;

import dev.runbook.values.Sizes;

/** What a restore does to one file or link of the target, with sizes before and after (-1: none). */
public record Change(Kind kind, String name, long oldSize, long newSize, String note) {

    public enum Kind {
        ADDED("add"), REPLACED("replace"), REMOVED("remove"), UNCHANGED("leave unchanged"), PRESERVED("keep");

        private final String verb;

        Kind(String verb) {
            this.verb = verb;
        }

        public String verb() {
            return verb;
        }
    }

    public String describe() {
        String sizes = switch (kind) {
            case ADDED -> Sizes.human(newSize);
            case REMOVED, PRESERVED -> Sizes.human(oldSize);
            case REPLACED -> Sizes.human(oldSize) + " -> " + Sizes.human(newSize);
            case UNCHANGED -> Sizes.human(newSize);
        };
        return kind.verb() + " " + Escapes.escape(name) + " (" + sizes + (note.isEmpty() ? "" : "; " + note) + ")";
    }
}
