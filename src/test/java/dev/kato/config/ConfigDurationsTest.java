package dev.kato.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigDurationsTest {
    @ParameterizedTest
    @CsvSource({"0s,0", "90s,90", "10m,600", "2h,7200", "60s,60", "120m,7200", "000010s,10"})
    void tryParse_plainForm(String text, long seconds) {
        assertThat(ConfigDurations.tryParse(text)).contains(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "10",
                "m",
                "PT10M",
                "1h30m",
                "10 m",
                "10M",
                "-1s",
                "1.5h",
                "1d",
                "1234567s"
            })
    void tryParse_rejectsEverythingElse(String text) {
        assertThat(ConfigDurations.tryParse(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "0,0s",
        "1,1s",
        "59,59s",
        "60,1m",
        "61,61s",
        "600,10m",
        "3600,1h",
        "5400,90m",
        "86400,24h"
    })
    void format_shortestExactForm_andRoundTrips(long seconds, String text) {
        Duration duration = Duration.ofSeconds(seconds);
        assertThat(ConfigDurations.format(duration)).isEqualTo(text);
        assertThat(ConfigDurations.tryParse(text)).contains(duration);
    }
}
