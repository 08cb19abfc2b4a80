package dev.kato.testing;

import dev.kato.event.EventId;
import dev.kato.event.EventMeta;
import dev.kato.event.Provider;
import dev.kato.event.SystemNotice;
import dev.kato.provider.RecordParser;

/**
 * A record parser for framing tests: one notice per record, carrying the record's "t" field and its
 * start offset.
 */
public final class EchoRecords {
    private EchoRecords() {}

    public static final RecordParser PARSER =
            (record, line, sink) ->
                    sink.event(
                            new SystemNotice(
                                    new EventMeta(
                                            EventId.of(Provider.CLAUDE, line.contentHash()),
                                            Provider.CLAUDE,
                                            "s",
                                            null,
                                            null,
                                            "echo",
                                            Long.toString(line.startOffset()),
                                            null),
                                    "echo",
                                    record.get("t").stringOr("?")));
}
