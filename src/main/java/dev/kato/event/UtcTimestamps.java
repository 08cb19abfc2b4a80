package dev.kato.event;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * UTC timestamps as the assistants' logs and Kato's canonical lines write them, read and written
 * without {@link DateTimeFormatter} on the common shape: every event of a catch-up carries one, and
 * the formatter's general machinery cost 5–10 % of a provider worker's and the daemon's time.
 * Anything outside the fixed shape goes to the JDK, so results are exactly those of {@link
 * Instant#parse} and of the canonical pattern {@code uuuu-MM-dd'T'HH:mm:ss.SSS'Z'}.
 */
public final class UtcTimestamps {
    /** The canonical form: {@code 2026-02-10T23:36:18.123Z}, UTC, exactly milliseconds. */
    private static final DateTimeFormatter CANONICAL =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
                    .withZone(java.time.ZoneOffset.UTC);

    private static final int CANONICAL_LENGTH = "2026-02-10T23:36:18.123Z".length();

    /** 10^k, for a fraction of 9 - k digits. */
    private static final int[] POWERS = {
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000
    };

    private UtcTimestamps() {}

    /**
     * As {@link Instant#parse}: an ISO-8601 instant, or an exception. {@code YYYY-MM-DDTHH:MM:SS}
     * with an optional fraction of 1–9 digits and {@code Z} is read directly; every other shape
     * (offsets, leap seconds, long years) by the JDK.
     *
     * @throws DateTimeParseException when the text is not an instant
     */
    public static Instant parse(String text) {
        Instant fast = parseUtc(text, false);
        return fast != null ? fast : Instant.parse(text);
    }

    /** The text if it is exactly the canonical form of an instant, else null. */
    public static @Nullable Instant parseCanonical(String text) {
        if (text.length() != CANONICAL_LENGTH) {
            return null;
        }
        return parseUtc(text, true);
    }

    /** The canonical form of {@code instant}. */
    public static String formatCanonical(Instant instant) {
        long seconds = instant.getEpochSecond();
        long days = Math.floorDiv(seconds, 86_400);
        int secondOfDay = Math.floorMod(seconds, 86_400);
        LocalDate date;
        try {
            date = LocalDate.ofEpochDay(days);
        } catch (DateTimeException e) {
            return CANONICAL.format(instant);
        }
        if (date.getYear() < 0 || date.getYear() > 9999) {
            return CANONICAL.format(instant);
        }
        char[] out = new char[CANONICAL_LENGTH];
        put(out, 0, date.getYear(), 4);
        out[4] = '-';
        put(out, 5, date.getMonthValue(), 2);
        out[7] = '-';
        put(out, 8, date.getDayOfMonth(), 2);
        out[10] = 'T';
        put(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        put(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        put(out, 17, secondOfDay % 60, 2);
        out[19] = '.';
        put(out, 20, instant.getNano() / 1_000_000, 3);
        out[23] = 'Z';
        return new String(out);
    }

    /**
     * {@code YYYY-MM-DDTHH:MM:SS[.f]Z} read directly, or null for any other shape or an invalid
     * field; {@code millisOnly} asks for exactly three fraction digits.
     */
    private static @Nullable Instant parseUtc(String s, boolean millisOnly) {
        int n = s.length();
        if (n < 20
                || s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || s.charAt(10) != 'T'
                || s.charAt(13) != ':'
                || s.charAt(16) != ':'
                || s.charAt(n - 1) != 'Z') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0
                || hour > 23
                || minute > 59
                || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            int fraction = n - 21; // between '.' and 'Z'
            if (s.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            if (millisOnly && fraction != 3) {
                return null;
            }
            int f = digits(s, 20, fraction);
            if (f < 0) {
                return null;
            }
            nanos = f * POWERS[9 - fraction];
        } else if (millisOnly) {
            return null;
        }
        if (month < 1 || month > 12 || day < 1 || day > 28 && day > lengthOf(year, month)) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(
                epochDay * 86_400 + hour * 3600L + minute * 60L + second, nanos);
    }

    private static int lengthOf(int year, int month) {
        return LocalDate.of(year, month, 1).lengthOfMonth();
    }

    /** The non-negative decimal of {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static void put(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
