package dev.runbook.cli;

import dev.runbook.source.Problem;
import java.io.PrintWriter;
import java.util.List;

/** Prints problems the one way the tool shows them: {@code FILE:LINE:COL: message} and a hint line. */
final class ProblemPrinter {

    private ProblemPrinter() {
    }

    static void print(PrintWriter err, String file, List<Problem> problems) {
        for (Problem problem : problems) {
            err.println(problem.render());
        }
        err.println(file + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems"));
    }
}
