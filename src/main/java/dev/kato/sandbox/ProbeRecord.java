package dev.kato.sandbox;

import java.util.Optional;

/**
 * One line a probing worker prints on stdout, tab-separated. The worker produces them, {@link
 * LayerVerdicts} turns them into layer states. No record carries file content: only probe names,
 * outcomes, errno names and counts.
 */
public sealed interface ProbeRecord {
    /** When a probe ran: under Landlock only, after seccomp, or from a shutdown-hook thread. */
    String PHASE_LANDLOCK = "landlock";

    String PHASE_SECCOMP = "seccomp";
    String PHASE_THREADS = "threads";
    String PHASE_SHUTDOWN_HOOK = "shutdown-hook";

    String line();

    /** One attempted operation and what the kernel answered. */
    record Attempt(String phase, String probe, Outcome outcome, String reason)
            implements ProbeRecord {
        @Override
        public String line() {
            return String.join("\t", "probe", phase, probe, outcome.name(), reason);
        }
    }

    /** How many of the process's threads had {@code no_new_privs} and a seccomp filter. */
    record ThreadCensus(String phase, int threads, int noNewPrivs, int seccompFiltered)
            implements ProbeRecord {
        @Override
        public String line() {
            return String.join(
                    "\t",
                    "threads",
                    phase,
                    Integer.toString(threads),
                    Integer.toString(noNewPrivs),
                    Integer.toString(seccompFiltered));
        }
    }

    /** A fact the worker read from the kernel (e.g. the Landlock ABI) or a setup step's result. */
    record Fact(String name, String value) implements ProbeRecord {
        @Override
        public String line() {
            return String.join("\t", "fact", name, value);
        }
    }

    /** The answer to one attempt. */
    enum Outcome {
        ALLOWED,
        DENIED,
        FAILED
    }

    static Optional<ProbeRecord> parse(String line) {
        String[] f = line.split("\t", -1);
        try {
            return switch (f[0]) {
                case "probe" ->
                        f.length == 5
                                ? Optional.of(new Attempt(f[1], f[2], Outcome.valueOf(f[3]), f[4]))
                                : Optional.empty();
                case "threads" ->
                        f.length == 5
                                ? Optional.of(
                                        new ThreadCensus(
                                                f[1],
                                                Integer.parseInt(f[2]),
                                                Integer.parseInt(f[3]),
                                                Integer.parseInt(f[4])))
                                : Optional.empty();
                case "fact" -> f.length == 3 ? Optional.of(new Fact(f[1], f[2])) : Optional.empty();
                default -> Optional.empty();
            };
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
