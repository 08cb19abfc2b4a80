package dev.kato.command;

/** Normalizes a path argument into a {@link PathArgument} ({@code product.md} §5). */
final class PathArguments {
    private PathArguments() {}

    /** {@code argument} is the trimmed, non-empty rest of a command line. */
    static PathArgument normalize(String argument) {
        String path = unquote(unwrapLink(argument));
        if (path.isEmpty()) {
            return new PathArgument.NotAbsolute(PathArgument.Reason.EMPTY);
        }
        return switch (path.charAt(0)) {
            case '/' -> new PathArgument.Absolute(path);
            case '@' -> new PathArgument.NotAbsolute(PathArgument.Reason.MENTION);
            case '~' -> new PathArgument.NotAbsolute(PathArgument.Reason.TILDE);
            default -> new PathArgument.NotAbsolute(PathArgument.Reason.RELATIVE);
        };
    }

    /**
     * A whole-argument link {@code [text](target)} becomes {@code target}, trimmed, with one pair
     * of angle brackets removed. The text ends at the first {@code ](}; the target runs to the
     * final {@code )}. Anything else is returned unchanged.
     */
    static String unwrapLink(String argument) {
        if (!argument.startsWith("[") || !argument.endsWith(")")) {
            return argument;
        }
        int middle = argument.indexOf("](");
        if (middle < 0) {
            return argument;
        }
        String target = Indentation.trim(argument.substring(middle + 2, argument.length() - 1));
        if (target.length() >= 2 && target.startsWith("<") && target.endsWith(">")) {
            return target.substring(1, target.length() - 1);
        }
        return target;
    }

    /** Removes one pair of surrounding {@code '}, {@code "} or backticks. */
    static String unquote(String text) {
        if (text.length() >= 2) {
            char first = text.charAt(0);
            if ((first == '\'' || first == '"' || first == '`')
                    && text.charAt(text.length() - 1) == first) {
                return text.substring(1, text.length() - 1);
            }
        }
        return text;
    }
}
