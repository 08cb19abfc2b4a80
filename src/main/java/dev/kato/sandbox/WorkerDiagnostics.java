package dev.kato.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * What a parent may show of a worker's stderr: only the first line, only when it is one of Kato's
 * own ({@code kato-…: …}), at most a given length, with every character that is not printable ASCII
 * replaced by {@code ?} (a worker cannot send terminal escapes through it). The rest is drained, so
 * the worker never blocks on a full pipe.
 */
public final class WorkerDiagnostics {
    private WorkerDiagnostics() {}

    /** Reads {@code in} to its end; the first line as above, or "" when there is none. */
    public static String firstOwnLine(InputStream in, int max) {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String first = reader.readLine();
            while (reader.readLine() != null) {
                // drain
            }
            if (first == null || !first.startsWith("kato-")) {
                return "";
            }
            StringBuilder sb = new StringBuilder(Math.min(first.length(), max));
            for (int i = 0; i < first.length() && sb.length() < max; i++) {
                char c = first.charAt(i);
                sb.append(c >= 0x20 && c < 0x7F ? c : '?');
            }
            return sb.toString();
        } catch (IOException e) {
            return "";
        }
    }
}
