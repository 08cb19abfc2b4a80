package dev.kato.provider.claude;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A small insertion-ordered map that forgets its oldest entries beyond a fixed size, for the little
 * state the parser keeps across records (pending questions, recent slash-command rows).
 */
final class BoundedMap<K, V> {
    private final int maxEntries;
    private final Map<K, V> entries = new LinkedHashMap<>();

    BoundedMap(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    void put(K key, V value) {
        entries.remove(key);
        entries.put(key, value);
        if (entries.size() > maxEntries) {
            Iterator<K> oldest = entries.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    @Nullable V getOrNull(K key) {
        return entries.get(key);
    }

    boolean containsKey(K key) {
        return entries.containsKey(key);
    }
}
