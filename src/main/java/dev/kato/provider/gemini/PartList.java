package dev.kato.provider.gemini;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of one message in order, with keys made unique: a part whose key is taken is dropped
 * when it says the same as the part holding the key (the same tool call listed twice), and
 * otherwise kept under {@code key~2}, {@code key~3}, … so nothing is lost.
 */
final class PartList {
    private final List<Part> parts = new ArrayList<>();
    private final Map<String, Long> hashes = new HashMap<>();

    void add(Part part) {
        long hash = part.body().contentHash();
        Long existing = hashes.get(part.key());
        if (existing == null) {
            put(part, hash);
            return;
        }
        if (existing == hash) {
            return;
        }
        for (int n = 2; ; n++) {
            String key = part.key() + "~" + n;
            Long other = hashes.get(key);
            if (other == null) {
                put(new Part(key, part.timestamp(), part.body()), hash);
                return;
            }
            if (other == hash) {
                return;
            }
        }
    }

    List<Part> toList() {
        return List.copyOf(parts);
    }

    private void put(Part part, long hash) {
        hashes.put(part.key(), hash);
        parts.add(part);
    }
}
