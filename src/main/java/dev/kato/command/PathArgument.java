package dev.kato.command;

import static java.util.Objects.requireNonNull;

/**
 * The path argument of a command after normalization: a whole-argument Markdown link {@code
 * [text](target)} stands for {@code target} (an {@code <target>} is unwrapped), then one pair of
 * surrounding {@code '}, {@code "} or backticks is removed. What remains is either an absolute path
 * (starts with {@code /}) or not; a path that is not absolute does <em>not</em> reject the message,
 * only carrying out its command fails. Absolute paths still have to pass the write policy. {@code
 * toString} shows the length, never the path.
 */
public sealed interface PathArgument {

    /** Why an argument is not an absolute path. */
    enum Reason {
        /** Nothing left after removing the link or quotes. */
        EMPTY,
        /** An {@code @mention} (starts with {@code @}). */
        MENTION,
        /** A {@code ~} path; home is never expanded. */
        TILDE,
        /**
         * Anything else that does not start with {@code /} (relative paths, URIs, drive letters).
         */
        RELATIVE
    }

    /** An absolute path as typed (after normalization), not yet policy-checked. */
    record Absolute(String path) implements PathArgument {
        public Absolute {
            requireNonNull(path, "path");
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("path must start with '/'");
            }
        }

        @Override
        public String toString() {
            return "Absolute[chars=" + path.length() + "]";
        }
    }

    /** An argument that cannot be a destination; the command parses but fails when carried out. */
    record NotAbsolute(Reason reason) implements PathArgument {
        public NotAbsolute {
            requireNonNull(reason, "reason");
        }
    }
}
