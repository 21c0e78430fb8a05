package dev.runbook.files;

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
            case ADDED -> Summary.human(newSize);
            case REMOVED, PRESERVED -> Summary.human(oldSize);
            case REPLACED -> Summary.human(oldSize) + " -> " + Summary.human(newSize);
            case UNCHANGED -> Summary.human(newSize);
        };
        return kind.verb() + " " + Escapes.escape(name) + " (" + sizes + (note.isEmpty() ? "" : "; " + note) + ")";
    }
}
