package dev.kato.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast paths give exactly what the JDK's formatters give, on valid and on broken input. */
class UtcTimestampsTest {
    private static final DateTimeFormatter CANONICAL =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
                    .withZone(ZoneOffset.UTC)
                    .withResolverStyle(ResolverStyle.STRICT);

    /** Between year 0000 and 9999. */
    private static final long MIN_SECOND = -62_167_219_200L;

    private static final long MAX_SECOND = 253_402_300_799L;

    @Test
    void randomInstants_formatAndParseAsTheJdk() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 20_000; i++) {
            Instant t =
                    Instant.ofEpochSecond(
                            random.nextLong(MIN_SECOND, MAX_SECOND + 1),
                            random.nextInt(1_000_000_000));
            Instant millis = Instant.ofEpochMilli(t.toEpochMilli());
            String canonical = CANONICAL.format(t);
            assertThat(UtcTimestamps.formatCanonical(t)).isEqualTo(canonical);
            assertThat(UtcTimestamps.parseCanonical(canonical)).isEqualTo(millis);
            String iso = t.toString(); // 0, 3, 6 or 9 fraction digits
            assertThat(UtcTimestamps.parse(iso)).isEqualTo(Instant.parse(iso));
        }
    }

    @Test
    void everyOneCharacterChange_isJudgedAsTheJdkJudgesIt() {
        List<String> seeds =
                List.of(
                        "2026-02-10T23:36:18.123Z",
                        "2024-02-29T00:00:00.000Z",
                        "1999-12-31T23:59:59.999Z",
                        "0000-01-01T00:00:00.000Z");
        String alphabet = "0123456789-T:.Z+ ";
        for (String seed : seeds) {
            for (int at = 0; at < seed.length(); at++) {
                for (char c : alphabet.toCharArray()) {
                    String text = seed.substring(0, at) + c + seed.substring(at + 1);
                    assertThat(UtcTimestamps.parseCanonical(text))
                            .as(text)
                            .isEqualTo(jdkCanonical(text));
                    assertThat(fastOrError(text)).as(text).isEqualTo(jdkOrError(text));
                }
            }
        }
    }

    @Test
    void shapesOutsideTheFastPath_stillParseAsTheJdk() {
        for (String text :
                List.of(
                        "2026-02-10T23:36:18Z",
                        "2026-02-10T23:36:18.1Z",
                        "2026-02-10T23:36:18.123456789Z",
                        "2026-02-10T23:36:18+02:00",
                        "2026-02-10T23:36:18.123+00:00",
                        "2026-02-31T00:00:00Z",
                        "2026-02-10T24:00:00Z",
                        "2026-02-10T23:36:60Z",
                        "+12026-02-10T23:36:18Z",
                        "2026-02-10T23:36:18.Z",
                        "2026-02-10T23:36:18.1234567890Z",
                        "2026-2-10T23:36:18Z",
                        "")) {
            assertThat(fastOrError(text)).as(text).isEqualTo(jdkOrError(text));
            assertThat(UtcTimestamps.parseCanonical(text)).as(text).isEqualTo(jdkCanonical(text));
        }
    }

    private static Object fastOrError(String text) {
        try {
            return UtcTimestamps.parse(text);
        } catch (DateTimeParseException e) {
            return "error";
        }
    }

    private static Object jdkOrError(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return "error";
        }
    }

    /** The check the vault made before: parse with the canonical pattern, format back, compare. */
    private static Instant jdkCanonical(String text) {
        try {
            Instant t = CANONICAL.parse(text, Instant::from);
            return CANONICAL.format(t).equals(text) ? t : null;
        } catch (DateTimeException e) {
            return null;
        }
    }
}
