package dev.kato.writer;

import static java.util.Objects.requireNonNull;

import dev.kato.event.EventKind;
import dev.kato.writer.ExistingFrontmatter.Absent;
import dev.kato.writer.ExistingFrontmatter.Broken;
import dev.kato.writer.ExistingFrontmatter.Found;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The YAML frontmatter of a Markdown transcript ({@code product.md} §6): rendered from {@link
 * SessionFacts}, or merged into the frontmatter of an existing file.
 *
 * <p>Keys, in this order: {@code id} (title slug, at most 24 chars, then {@code -} and the first 8
 * alphanumerics of the provider session id), {@code title}, {@code desc}, {@code created} (first
 * event time, epoch ms), {@code updated} (last event time; only with {@link
 * MarkdownOptions#includeUpdated()}), {@code participants}, {@code sessionId}, {@code
 * recordingIds}, {@code conversationEventKinds} (only with {@link
 * MarkdownOptions#includeEventKinds()}), then {@code tags} and user keys when merging. Keys without
 * a value (no time, no session id, empty lists) are left out.
 *
 * <p>Merging keeps {@code id}, {@code title}, {@code desc} and {@code created} as the file has them
 * (the user may have edited them); {@code participants}, {@code recordingIds}, {@code
 * conversationEventKinds} and {@code tags} become the union (the file's items first, new items
 * appended, no duplicates); {@code sessionId} and (when enabled) {@code updated} take the new
 * value; every other key is kept with its value, re-emitted in flow style in the file's order.
 */
public final class Frontmatter {
    /** Existing frontmatter blocks longer than this are {@link MergeOutcome.Reason#TOO_LARGE}. */
    public static final int MAX_EXISTING_CHARS = 64 * 1024;

    static final int MAX_SLUG_CHARS = 24;
    private static final int SESSION_SUFFIX_CHARS = 8;
    private static final List<String> UNION =
            List.of("participants", "recordingIds", "conversationEventKinds", "tags");
    private static final List<String> ORDER =
            List.of(
                    "id",
                    "title",
                    "desc",
                    "created",
                    "updated",
                    "participants",
                    "sessionId",
                    "recordingIds",
                    "conversationEventKinds",
                    "tags");

    private Frontmatter() {}

    /** A fresh block, {@code ---\n…---\n}. */
    public static String render(SessionFacts facts, List<String> recordingIds, MarkdownOptions o) {
        return emit(generate(facts, recordingIds, o));
    }

    /**
     * The block to write over a file whose current text is {@code existingText} (the whole file, or
     * a prefix of it at least {@link #MAX_EXISTING_CHARS} + 16 chars long). Without a frontmatter
     * there, this is {@link #render}; with {@link MarkdownOptions#includeFrontmatter()} off it is
     * the existing block byte for byte ("" when there is none).
     */
    public static MergeOutcome merge(
            String existingText, SessionFacts facts, List<String> recordingIds, MarkdownOptions o) {
        requireNonNull(existingText, "existingText");
        if (!o.includeFrontmatter()) {
            return switch (ExistingFrontmatter.delimit(existingText)) {
                case Absent _ -> new MergeOutcome.Merged("");
                case Found f -> new MergeOutcome.Merged(f.verbatim());
                case Broken b -> b.malformed();
            };
        }
        return switch (ExistingFrontmatter.read(existingText)) {
            case Absent _ -> new MergeOutcome.Merged(render(facts, recordingIds, o));
            case Found f ->
                    new MergeOutcome.Merged(
                            emit(merged(f.entries(), generate(facts, recordingIds, o), o)));
            case Broken b -> b.malformed();
        };
    }

    private static Map<Object, @Nullable Object> generate(
            SessionFacts facts, List<String> recordingIds, MarkdownOptions o) {
        Map<Object, @Nullable Object> m = new LinkedHashMap<>();
        m.put("id", id(facts.title(), facts.providerSessionId()));
        m.put("title", facts.title());
        m.put("desc", "");
        facts.tryFirstEventTime().ifPresent(t -> m.put("created", t.toEpochMilli()));
        if (o.includeUpdated()) {
            facts.tryLastEventTime().ifPresent(t -> m.put("updated", t.toEpochMilli()));
        }
        putList(m, "participants", participants(facts, o));
        if (!facts.providerSessionId().isEmpty()) {
            m.put("sessionId", facts.providerSessionId());
        }
        putList(m, "recordingIds", distinct(recordingIds));
        if (o.includeEventKinds()) {
            List<String> kinds = new ArrayList<>();
            for (EventKind k : facts.eventKinds()) {
                kinds.add(k.wireName());
            }
            putList(m, "conversationEventKinds", kinds);
        }
        return m;
    }

    private static Map<Object, @Nullable Object> merged(
            Map<Object, @Nullable Object> existing,
            Map<Object, @Nullable Object> fresh,
            MarkdownOptions o) {
        Map<Object, @Nullable Object> out = new LinkedHashMap<>();
        for (String key : ORDER) {
            chosen(key, existing, fresh, o).ifPresent(v -> out.put(key, v.value()));
        }
        for (Map.Entry<Object, @Nullable Object> e : existing.entrySet()) {
            if (!(e.getKey() instanceof String s && ORDER.contains(s))) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** A value that may be null (YAML {@code null}); wrapped so Optional can carry it. */
    private record Value(@Nullable Object value) {
        @Override
        public String toString() {
            return "Value[" + (value == null ? "null" : value.getClass().getSimpleName()) + "]";
        }
    }

    private static Optional<Value> chosen(
            String key,
            Map<Object, @Nullable Object> existing,
            Map<Object, @Nullable Object> fresh,
            MarkdownOptions o) {
        boolean inFile = existing.containsKey(key);
        boolean isNew = fresh.containsKey(key);
        if (UNION.contains(key)) {
            if (!inFile && !isNew) {
                return Optional.empty();
            }
            return Optional.of(new Value(union(existing.get(key), fresh.get(key))));
        }
        boolean freshWins =
                key.equals("sessionId") || (key.equals("updated") && o.includeUpdated());
        if (isNew && (freshWins || !inFile)) {
            return Optional.of(new Value(fresh.get(key)));
        }
        return inFile ? Optional.of(new Value(existing.get(key))) : Optional.empty();
    }

    private static List<@Nullable Object> union(@Nullable Object inFile, @Nullable Object fresh) {
        Set<@Nullable Object> items = new LinkedHashSet<>(asList(inFile));
        items.addAll(asList(fresh));
        return new ArrayList<>(items);
    }

    /** A list as it is; null as empty; a single scalar as a one-item list. */
    private static List<@Nullable Object> asList(@Nullable Object v) {
        return switch (v) {
            case null -> List.of();
            case List<?> list -> new ArrayList<>(list);
            default -> {
                List<@Nullable Object> one = new ArrayList<>(1);
                one.add(v);
                yield one;
            }
        };
    }

    private static String emit(Map<Object, @Nullable Object> m) {
        StringBuilder sb = new StringBuilder(512).append("---\n");
        for (Map.Entry<Object, @Nullable Object> e : m.entrySet()) {
            Object key = e.getKey();
            Object value = e.getValue();
            sb.append(YamlText.value(key)).append(": ");
            if ((key.equals("title") || key.equals("desc")) && value instanceof String text) {
                sb.append(YamlText.quoted(text));
            } else {
                sb.append(YamlText.value(value));
            }
            sb.append('\n');
        }
        return sb.append("---\n").toString();
    }

    private static void putList(Map<Object, @Nullable Object> m, String key, List<String> items) {
        if (!items.isEmpty()) {
            m.put(key, List.copyOf(items));
        }
    }

    private static List<String> participants(SessionFacts facts, MarkdownOptions o) {
        List<String> out = new ArrayList<>();
        if (o.addParticipantUsername() && !o.participantUsername().isEmpty()) {
            out.add("user." + o.participantUsername());
        }
        facts.tryProvider()
                .ifPresent(p -> facts.models().forEach(model -> out.add(p.id() + "." + model)));
        return distinct(out);
    }

    private static List<String> distinct(List<String> items) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : items) {
            String t = requireNonNull(s, "list item").strip();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return List.copyOf(out);
    }

    /** {@code <slug>-<first 8 alphanumerics of the session id>}; the slug alone without an id. */
    static String id(String title, String providerSessionId) {
        String slug = slug(title);
        String suffix = providerSessionId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        suffix = suffix.substring(0, Math.min(SESSION_SUFFIX_CHARS, suffix.length()));
        return suffix.isEmpty() ? slug : slug + "-" + suffix;
    }

    /** Lower-case ASCII letters, digits and single dashes, at most 24 chars; "note" if empty. */
    static String slug(String title) {
        String s =
                title.toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9\\s-]", "")
                        .strip()
                        .replaceAll("\\s+", "-")
                        .replaceAll("-+", "-")
                        .replaceAll("^-+|-+$", "");
        s = s.substring(0, Math.min(MAX_SLUG_CHARS, s.length())).replaceAll("-+$", "");
        return s.isEmpty() ? "note" : s;
    }
}
