package dev.kato.policy;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Checks on the requested path string itself, before any file-system lookup. */
final class RequestedPathSyntax {
    private RequestedPathSyntax() {}

    static Optional<PathDecision.Denied> check(String requested, List<String> extensions) {
        if (requested.isEmpty()) {
            return deny(DenialReason.EMPTY, "the destination path is empty");
        }
        for (int i = 0; i < requested.length(); i++) {
            char c = requested.charAt(i);
            if (c < 0x20
                    || c == 0x7f
                    || c == '\u2028'
                    || c == '\u2029'
                    || (c >= 0x80 && c < 0xA0)) {
                return deny(
                        DenialReason.CONTROL_CHARACTER,
                        "the destination path contains a control character");
            }
        }
        if (requested.startsWith("\\\\") || requested.startsWith("//")) {
            return deny(
                    DenialReason.UNC_OR_DOUBLE_SLASH,
                    "UNC and // paths are not destinations: " + requested);
        }
        if (requested.indexOf('\\') >= 0) {
            return deny(
                    DenialReason.BACKSLASH,
                    "backslashes are not allowed in destination paths: " + requested);
        }
        if (!requested.startsWith("/")) {
            return deny(
                    DenialReason.NOT_ABSOLUTE,
                    "the destination must be an absolute path: " + requested);
        }
        if (PathPolicy.utf8Length(requested) > PathPolicy.MAX_PATH_BYTES) {
            return deny(
                    DenialReason.PATH_TOO_LONG,
                    "the destination path is longer than " + PathPolicy.MAX_PATH_BYTES + " bytes");
        }
        return checkSegments(requested, extensions);
    }

    private static Optional<PathDecision.Denied> checkSegments(
            String requested, List<String> extensions) {
        String[] segments = requested.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            if (s.isEmpty()) {
                return deny(
                        DenialReason.UNC_OR_DOUBLE_SLASH,
                        "empty path segment (// or trailing /) in " + requested);
            }
            if (s.equals("..") || s.equals(".")) {
                return deny(
                        DenialReason.TRAVERSAL,
                        "'.' and '..' segments are not allowed: " + requested);
            }
            if (PathPolicy.utf8Length(s) > PathPolicy.MAX_SEGMENT_BYTES) {
                return deny(
                        DenialReason.NAME_TOO_LONG,
                        "a path segment is longer than " + PathPolicy.MAX_SEGMENT_BYTES + " bytes");
            }
        }
        String name = segments[segments.length - 1];
        if (PathPolicy.utf8Length(name) > PathPolicy.MAX_FILE_NAME_BYTES) {
            return deny(
                    DenialReason.NAME_TOO_LONG,
                    "the file name is longer than " + PathPolicy.MAX_FILE_NAME_BYTES + " bytes");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        boolean extensionOk =
                extensions.stream().anyMatch(e -> lower.endsWith(e) && lower.length() > e.length());
        if (!extensionOk || lower.endsWith(".kato-tmp")) {
            return deny(
                    DenialReason.BAD_EXTENSION,
                    "destinations must end in one of " + extensions + ": " + requested);
        }
        return Optional.empty();
    }

    private static Optional<PathDecision.Denied> deny(DenialReason reason, String message) {
        return Optional.of(new PathDecision.Denied(reason, message));
    }
}
