package dev.kato.command;

import dev.kato.json.JsonBytes;

/**
 * Whether the command marker {@code ::} can stand in any string of a JSON line, decided on the
 * line's bytes before anything is decoded. A colon in a JSON string is either the byte itself or
 * the escape {@code &#92;u003a}; a line with neither two colons in a row nor such an escape holds
 * no marker. False means certainly none; true means maybe (the decoded text decides).
 */
public final class CommandMarker {
    private CommandMarker() {}

    /** False when no string in the JSON bytes {@code [from, to)} can contain {@code ::}. */
    public static boolean mayAppearIn(byte[] json, int from, int to) {
        if (JsonBytes.indexOfPair(json, from, to, (byte) ':', (byte) ':') >= 0) {
            return true;
        }
        for (int i = JsonBytes.indexOfPair(json, from, to, (byte) '\\', (byte) 'u');
                i >= 0;
                i = JsonBytes.indexOfPair(json, i + 2, to, (byte) '\\', (byte) 'u')) {
            if (i + 6 <= to
                    && json[i + 2] == '0'
                    && json[i + 3] == '0'
                    && json[i + 4] == '3'
                    && (json[i + 5] == 'a' || json[i + 5] == 'A')) {
                return true;
            }
        }
        return false;
    }
}
