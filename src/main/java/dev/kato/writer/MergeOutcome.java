package dev.kato.writer;

import static java.util.Objects.requireNonNull;

/**
 * The outcome of merging new output into an existing file's text: the merged text, or the reason
 * the existing frontmatter could not be understood. A malformed frontmatter is an expected outcome,
 * not an exception: the caller leaves the file unchanged and reports {@link Malformed#message()} in
 * one line (it names the problem and a line number, never file content).
 */
public sealed interface MergeOutcome {

    /** The merged text (a frontmatter block, or a whole document, by the method that made it). */
    record Merged(String text) implements MergeOutcome {
        public Merged {
            requireNonNull(text, "text");
        }

        @Override
        public String toString() {
            return "Merged[chars=" + text.length() + "]";
        }
    }

    /**
     * The existing frontmatter is not something Kato can merge with.
     *
     * @param line 1-based line of the existing file where the problem was found; 0 when unknown
     */
    record Malformed(Reason reason, int line) implements MergeOutcome {
        public Malformed {
            requireNonNull(reason, "reason");
            if (line < 0) {
                throw new IllegalArgumentException("line must be >= 0, was " + line);
            }
        }

        /** One line for the user, without any of the file's content. */
        public String message() {
            return "existing frontmatter "
                    + reason.description
                    + (line > 0 ? " (line " + line + ")" : "")
                    + "; the file was left unchanged";
        }
    }

    /** Why an existing frontmatter was rejected. */
    enum Reason {
        /** It starts with {@code ---} but no closing {@code ---} line follows. */
        UNTERMINATED("has no closing '---' line"),
        /** It is longer than {@link Frontmatter#MAX_EXISTING_CHARS}. */
        TOO_LARGE("is too large"),
        /** It is not valid YAML (syntax, duplicate keys, unknown tags, too many aliases). */
        INVALID_YAML("is not valid YAML"),
        /** It is valid YAML but not a mapping of keys to values. */
        NOT_A_MAPPING("is not a mapping of keys to values"),
        /** It holds values Kato cannot write back faithfully (binary, sets, deep nesting, …). */
        UNSUPPORTED_VALUE(
                "holds a value Kato cannot keep (binary, set, complex key or deep nesting)");

        private final String description;

        Reason(String description) {
            this.description = description;
        }
    }
}
