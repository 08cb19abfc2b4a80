package dev.kato.cli;

import dev.kato.config.Environment;
import dev.kato.control.ControlReply;
import dev.kato.control.ControlRequest;
import dev.kato.control.DaemonClient;
import dev.kato.control.DaemonStatus;
import dev.kato.vault.Vault;
import dev.kato.vault.VaultSessionInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kato clean}: empty the operational logs, remove old default-destination recordings, remove
 * old sessions from the vault. The security audit log is never cleaned (it is the record of what
 * Kato decided); files that are recording right now are kept; the vault is only cleaned while the
 * daemon is stopped.
 */
@Command(
        name = "clean",
        mixinStandardHelpOptions = true,
        description = {
            "Remove what Kato keeps: operational logs, old recordings in ~/.kato/recordings, old"
                    + " sessions in the vault. The security audit log is never removed.",
            "Exits 2 when nothing to clean was named."
        })
final class CleanCommand implements Callable<Integer>, CommandFactory.ContextAware {
    @Option(names = "--logs", description = "Empty logs/operational.jsonl and logs/daemon.out.")
    boolean logs;

    @Option(
            names = "--recordings",
            paramLabel = "DAYS",
            description =
                    "Remove recordings in ~/.kato/recordings not modified for DAYS days (not ones"
                            + " recording now).")
    Integer recordingDays;

    @Option(
            names = "--sessions",
            paramLabel = "DAYS",
            description =
                    "Remove vault sessions whose newest event is older than DAYS days (the daemon"
                            + " must be stopped).")
    Integer sessionDays;

    @Option(names = "--all", description = "Same as --logs --recordings 0 --sessions 0.")
    boolean all;

    @Option(names = "--dry-run", description = "List what would be removed; remove nothing.")
    boolean dryRun;

    @Spec CommandSpec spec;
    private CliContext context;

    @Override
    public void setContext(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (all) {
            logs = true;
            recordingDays = recordingDays == null ? 0 : recordingDays;
            sessionDays = sessionDays == null ? 0 : sessionDays;
        }
        if (!logs && recordingDays == null && sessionDays == null) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(),
                    "nothing to clean: name --logs, --recordings DAYS, --sessions DAYS or --all");
        }
        for (Integer days : new Integer[] {recordingDays, sessionDays}) {
            if (days != null && days < 0) {
                throw new picocli.CommandLine.ParameterException(
                        spec.commandLine(), "DAYS must be 0 or more");
            }
        }
        Environment env = context.environment();
        DaemonControl control = DaemonLifecycle.control(env);
        Set<String> recordingNow = new HashSet<>();
        boolean running =
                switch (control.client().send(new ControlRequest.Status(false))) {
                    case DaemonClient.Exchange.Replied(ControlReply.StatusReply(var status)) -> {
                        for (DaemonStatus.RecordingSummary r : status.activity().recordings()) {
                            recordingNow.add(r.destination());
                        }
                        yield true;
                    }
                    case DaemonClient.Exchange.Replied _ -> true;
                    case DaemonClient.Exchange.NotListening _ -> false;
                };
        if (sessionDays != null && running) {
            throw new UserError(
                    "the daemon is running; stop it ('kato stop') before cleaning the vault");
        }
        PrintWriter out = spec.commandLine().getOut();
        Instant now = context.clock().instant();
        int removed = 0;
        if (logs) {
            for (Path f : List.of(env.operationalLogPath(), env.logsDir().resolve("daemon.out"))) {
                if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) && Files.size(f) > 0) {
                    out.println((dryRun ? "would empty " : "emptied ") + f);
                    if (!dryRun) {
                        // truncated, not deleted: a running daemon keeps appending to the same file
                        try (FileChannel ch =
                                FileChannel.open(
                                        f, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                            ch.truncate(0);
                        }
                    }
                    removed++;
                }
            }
        }
        if (recordingDays != null) {
            removed +=
                    recordings(env, now.minus(Duration.ofDays(recordingDays)), recordingNow, out);
        }
        if (sessionDays != null) {
            removed += sessions(env, now.minus(Duration.ofDays(sessionDays)), out);
        }
        if (removed == 0) {
            out.println("nothing to clean");
        }
        return ExitCode.OK.code();
    }

    private int recordings(Environment env, Instant before, Set<String> active, PrintWriter out)
            throws IOException {
        Path dir = env.recordingsDir();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        List<Path> old = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
                        && !active.contains(f.toString())
                        && Files.getLastModifiedTime(f, LinkOption.NOFOLLOW_LINKS)
                                .toInstant()
                                .isBefore(before.plusMillis(1))) {
                    old.add(f);
                }
            }
        }
        for (Path f : old) {
            out.println((dryRun ? "would remove " : "removed ") + f);
            if (!dryRun) {
                Files.deleteIfExists(f);
            }
        }
        return old.size();
    }

    private int sessions(Environment env, Instant before, PrintWriter out) throws IOException {
        List<VaultSessionInfo> old = new ArrayList<>();
        for (VaultSessionInfo s : Vault.openReadOnly(env.sessionsDir()).sessions()) {
            Instant last = s.lastEventTime();
            if (last == null || !last.isAfter(before)) {
                old.add(s);
            }
        }
        for (VaultSessionInfo s : old) {
            Path dir = env.sessionsDir().resolve(s.katoSessionId().toString());
            out.println(
                    (dryRun ? "would remove session " : "removed session ")
                            + s.key().shortId()
                            + " ("
                            + s.key().provider().id()
                            + ", "
                            + s.eventCount()
                            + " events)");
            if (!dryRun) {
                deleteTree(dir);
            }
        }
        return old.size();
    }

    /** Deletes a vault session directory; it holds plain files only, and links are not followed. */
    private static void deleteTree(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                if (Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)) {
                    deleteTree(f);
                } else {
                    Files.delete(f);
                }
            }
        }
        Files.delete(dir);
    }
}
