package dev.kato.provider.claude;

import dev.kato.event.ProviderInfo;
import dev.kato.event.SystemNotice;
import dev.kato.json.JsonValue;
import java.util.List;

/** {@code system} rows as notices and the title rows ({@code summary}, {@code ai-title}, …). */
final class MetadataRecords {
    /** Where each title row type keeps its title, most specific field first. */
    private static final List<String> SUMMARY_FIELDS = List.of("summary");

    private static final List<String> AI_TITLE_FIELDS = List.of("aiTitle", "title");
    private static final List<String> CUSTOM_TITLE_FIELDS = List.of("customTitle", "title");

    private MetadataRecords() {}

    /** A system row: its subtype and the text of its top-level {@code content}. */
    static void system(JsonValue record, EventBatch batch) {
        String subtype = record.get("subtype").stringOr("");
        String text = ToolResultText.of(record.get("content")).value();
        batch.add("0", meta -> new SystemNotice(meta, subtype, text));
    }

    static void summary(JsonValue record, EventBatch batch) {
        title(record, SUMMARY_FIELDS, batch);
    }

    static void aiTitle(JsonValue record, EventBatch batch) {
        title(record, AI_TITLE_FIELDS, batch);
    }

    static void customTitle(JsonValue record, EventBatch batch) {
        title(record, CUSTOM_TITLE_FIELDS, batch);
    }

    private static void title(JsonValue record, List<String> fields, EventBatch batch) {
        for (String field : fields) {
            String value = record.get(field).stringOrNull();
            if (value != null && !value.isBlank()) {
                batch.add("0", meta -> new ProviderInfo(meta, ProviderInfo.TITLE, value));
                return;
            }
        }
    }
}
