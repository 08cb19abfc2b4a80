package dev.kato.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;

/** Collects every problem of one validation run; reported once, sorted by line. */
final class Problems {
    private final List<ConfigProblem> problems = new ArrayList<>();

    void add(String keyPath, int line, String message) {
        problems.add(new ConfigProblem(keyPath, line, message));
    }

    void add(String keyPath, Node node, String message) {
        add(keyPath, lineOf(node), message);
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    /** Sorted by line (file-level problems first); the sort is stable, so ties keep their order. */
    List<ConfigProblem> sorted() {
        List<ConfigProblem> copy = new ArrayList<>(problems);
        copy.sort(Comparator.comparingInt(ConfigProblem::line));
        return List.copyOf(copy);
    }

    /** 1-based line where {@code node} starts, or 0 if the parser recorded none. */
    static int lineOf(Node node) {
        return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(0);
    }
}
