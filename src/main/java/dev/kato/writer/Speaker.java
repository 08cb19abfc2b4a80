package dev.kato.writer;

import static java.util.Objects.requireNonNull;

import dev.kato.event.Provider;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Who a block of the body belongs to; a new heading starts whenever it changes (see {@link
 * #continues}). The label is the first half of the heading ({@code User}, {@code System}, or the
 * assistant's model).
 */
record Speaker(String label, Role role) {
    static final Speaker USER = new Speaker("User", Role.USER);
    static final Speaker SYSTEM = new Speaker("System", Role.SYSTEM);

    /** Whose block it is; an assistant whose model is not known yet is labelled by provider. */
    enum Role {
        USER,
        SYSTEM,
        ASSISTANT,
        ASSISTANT_MODEL_UNKNOWN
    }

    private static final int MAX_LABEL_CHARS = 80;
    private static final Pattern TRAILING_VERSION = Pattern.compile("-(\\d{1,2})-(\\d{1,2})$");
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._:/@+-]+");
    private static final DateTimeFormatter HEADING_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd_HHmm_ss", Locale.ROOT);

    Speaker {
        requireNonNull(label, "label");
        requireNonNull(role, "role");
    }

    /**
     * Whether this block continues the previous speaker's turn without a heading: the same speaker,
     * or the assistant on both sides while its model was still unknown on one of them.
     */
    boolean continues(Speaker previous) {
        if (equals(previous)) {
            return true;
        }
        return isAssistant()
                && previous.isAssistant()
                && (role == Role.ASSISTANT_MODEL_UNKNOWN
                        || previous.role == Role.ASSISTANT_MODEL_UNKNOWN);
    }

    private boolean isAssistant() {
        return role == Role.ASSISTANT || role == Role.ASSISTANT_MODEL_UNKNOWN;
    }

    /**
     * The assistant speaker: the model with a trailing {@code -N-N} rewritten {@code -N.N} ({@code
     * claude-opus-4-6} → {@code claude-opus-4.6}); the provider id when the model is unknown.
     */
    static Speaker assistant(@Nullable String model, Provider provider) {
        String safe = model == null ? "" : UNSAFE.matcher(model.strip()).replaceAll("-");
        if (safe.chars().noneMatch(Character::isLetterOrDigit)) {
            return new Speaker(provider.id(), Role.ASSISTANT_MODEL_UNKNOWN);
        }
        if (safe.length() > MAX_LABEL_CHARS) {
            safe = safe.substring(0, MAX_LABEL_CHARS);
        }
        Matcher m = TRAILING_VERSION.matcher(safe);
        String label =
                m.find()
                        ? safe.substring(0, m.start()) + "-" + m.group(1) + "." + m.group(2)
                        : safe;
        return new Speaker(label, Role.ASSISTANT);
    }

    /** {@code # <label>_<yyyy-MM-dd_HHmm_ss>} in the zone, or {@code unknown-time}. */
    String heading(@Nullable Instant time, ZoneId zone) {
        String when = time == null ? "unknown-time" : HEADING_TIME.format(time.atZone(zone));
        return "# " + label + "_" + when;
    }
}
