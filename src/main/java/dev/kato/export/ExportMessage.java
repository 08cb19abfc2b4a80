package dev.kato.export;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One line a confined export process writes to its stdout for its parent: tab-separated, the kind
 * first. Carries counts, paths and one-line error messages; never conversation content. A line that
 * does not parse is ignored by the parent.
 */
public sealed interface ExportMessage {
    String line();

    /** What the kernel answered when the export process checked its own confinement. */
    record Confined(boolean landlock, boolean seccomp) implements ExportMessage {
        @Override
        public String line() {
            return "confined\t" + landlock + "\t" + seccomp;
        }
    }

    /** Bytes of input read so far. */
    record Progress(long bytes) implements ExportMessage {
        @Override
        public String line() {
            return "progress\t" + bytes;
        }
    }

    /** The file was written (atomically replaced). */
    record Written(String target, long events, long anomalies) implements ExportMessage {
        public Written {
            requireNonNull(target, "target");
        }

        @Override
        public String line() {
            return "written\t" + events + "\t" + anomalies + "\t" + oneLine(target);
        }
    }

    /** The export failed; {@code message} is the user-facing line (after {@code kato: }). */
    record Failed(String message) implements ExportMessage {
        public Failed {
            requireNonNull(message, "message");
        }

        @Override
        public String line() {
            return "failed\t" + oneLine(message);
        }
    }

    static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    }

    /**
     * {@code s} with every control character replaced by {@code ?}: the parent prints these texts
     * on the user's terminal, and a child process (confined, but parsing hostile logs) must not be
     * able to send it escape sequences.
     */
    static String printable(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) {
                if (out == null) {
                    out = new StringBuilder(s.length()).append(s, 0, i);
                }
                out.append('?');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    /** The message on {@code line}, or empty when it is not one. */
    public static Optional<ExportMessage> parse(String line) {
        String[] f = line.split("\t", -1);
        try {
            return switch (f[0]) {
                case "confined" ->
                        f.length == 3
                                ? Optional.of(
                                        new Confined(
                                                Boolean.parseBoolean(f[1]),
                                                Boolean.parseBoolean(f[2])))
                                : Optional.empty();
                case "progress" ->
                        f.length == 2
                                ? Optional.of(new Progress(Long.parseLong(f[1])))
                                : Optional.empty();
                case "written" ->
                        f.length == 4
                                ? Optional.of(
                                        new Written(
                                                printable(f[3]),
                                                Long.parseLong(f[1]),
                                                Long.parseLong(f[2])))
                                : Optional.empty();
                case "failed" ->
                        f.length == 2 ? Optional.of(new Failed(printable(f[1]))) : Optional.empty();
                default -> Optional.empty();
            };
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
