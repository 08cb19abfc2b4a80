package dev.kato.export;

import dev.kato.policy.ApprovedPath;

/** What an export wrote: where, how many events, how many skipped input anomalies. */
public record ExportResult(ApprovedPath destination, long events, long anomalies) {}
