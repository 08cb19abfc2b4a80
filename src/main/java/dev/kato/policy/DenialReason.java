package dev.kato.policy;

/** Why the write policy refused a destination. Stable names: they appear in audit records. */
public enum DenialReason {
    EMPTY,
    CONTROL_CHARACTER,
    NOT_ABSOLUTE,
    BACKSLASH,
    UNC_OR_DOUBLE_SLASH,
    TRAVERSAL,
    NAME_TOO_LONG,
    PATH_TOO_LONG,
    BAD_EXTENSION,
    OUTSIDE_ALLOWED_ROOTS,
    KATO_STATE_DIRECTORY,
    PROVIDER_SESSION_DIRECTORY,
    INSIDE_GIT_DIRECTORY,
    SYMLINK,
    NOT_REGULAR_FILE,
    NOT_OWNED_BY_USER,
    EXECUTABLE,
    HARD_LINKED,
    UNREADABLE_ATTRIBUTES
}
