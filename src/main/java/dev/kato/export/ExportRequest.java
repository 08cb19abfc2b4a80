package dev.kato.export;

import static java.util.Objects.requireNonNull;

import dev.kato.config.SandboxMode;
import dev.kato.event.Provider;
import dev.kato.event.SessionKey;
import dev.kato.ingest.SessionFile;
import dev.kato.provider.FileRole;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the parent CLI asks a confined export process to do, as its fixed argument list: the sandbox
 * mode, where the config lives (the child loads it and re-makes the policy decision itself), the
 * config's expected version, the time zone, the destination as the user wrote it, and the one
 * session's input. Decoding is strict; anything unexpected is refused. No conversation content.
 *
 * @param policyVersion the SHA-256 of the config file the parent decided with, or {@code defaults}
 */
public record ExportRequest(
        SandboxMode mode,
        Path configFile,
        Path katoHome,
        Path home,
        String zone,
        String policyVersion,
        String destination,
        Input input) {
    private static final String LOGS = "logs";
    private static final String VAULT = "vault";
    private static final int FIXED = 7;

    public ExportRequest {
        requireNonNull(mode, "mode");
        requireNonNull(configFile, "configFile");
        requireNonNull(katoHome, "katoHome");
        requireNonNull(home, "home");
        requireNonNull(zone, "zone");
        requireNonNull(policyVersion, "policyVersion");
        requireNonNull(destination, "destination");
        requireNonNull(input, "input");
    }

    /** The session's input: its provider log files, or its directory in the vault. */
    public sealed interface Input permits Logs, VaultSession {
        SessionKey key();

        /** The paths the export may read for this input. */
        List<Path> readable();
    }

    /** Provider log files, the primary first, then sub-agent transcripts. */
    public record Logs(SessionKey key, List<SessionFile> files) implements Input {
        public Logs {
            requireNonNull(key, "key");
            files = List.copyOf(files);
            if (files.isEmpty()) {
                throw new IllegalArgumentException("an export needs at least one log file");
            }
        }

        @Override
        public List<Path> readable() {
            return files.stream().map(SessionFile::path).toList();
        }
    }

    /** A session stored in the vault at {@code vaultDir} (its logs are gone). */
    public record VaultSession(SessionKey key, Path vaultDir) implements Input {
        public VaultSession {
            requireNonNull(key, "key");
            requireNonNull(vaultDir, "vaultDir");
        }

        /** The vault keeps one directory per session, named by its Kato session id. */
        @Override
        public List<Path> readable() {
            return List.of(vaultDir.resolve(key.katoSessionId().toString()));
        }
    }

    public List<String> encode() {
        List<String> a = new ArrayList<>();
        a.add(mode.configValue());
        a.add(configFile.toString());
        a.add(katoHome.toString());
        a.add(home.toString());
        a.add(zone);
        a.add(policyVersion);
        a.add(destination);
        switch (input) {
            case Logs l -> {
                a.add(LOGS);
                a.add(l.key().provider().id());
                a.add(l.key().providerSessionId());
                a.add(Integer.toString(l.files().size()));
                for (SessionFile f : l.files()) {
                    a.add(f.role().name());
                    a.add(f.agentId() == null ? "" : f.agentId());
                    a.add(f.path().toString());
                }
            }
            case VaultSession v -> {
                a.add(VAULT);
                a.add(v.key().provider().id());
                a.add(v.key().providerSessionId());
                a.add(v.vaultDir().toString());
            }
        }
        return List.copyOf(a);
    }

    /**
     * @throws IllegalArgumentException with a one-line reason when {@code args} is malformed
     */
    public static ExportRequest decode(List<String> args) {
        if (args.size() < FIXED + 4) {
            throw new IllegalArgumentException("too few export arguments");
        }
        SandboxMode mode =
                SandboxMode.tryParse(args.get(0))
                        .orElseThrow(() -> new IllegalArgumentException("unknown sandbox mode"));
        Provider provider =
                Provider.tryParse(args.get(FIXED + 1))
                        .orElseThrow(() -> new IllegalArgumentException("unknown provider"));
        SessionKey key = new SessionKey(provider, args.get(FIXED + 2));
        Input input =
                switch (args.get(FIXED)) {
                    case LOGS -> logs(key, args.subList(FIXED + 3, args.size()), provider);
                    case VAULT -> {
                        if (args.size() != FIXED + 4) {
                            throw new IllegalArgumentException("bad vault input");
                        }
                        yield new VaultSession(key, absolute(args.get(FIXED + 3)));
                    }
                    default -> throw new IllegalArgumentException("unknown input kind");
                };
        return new ExportRequest(
                mode,
                absolute(args.get(1)),
                absolute(args.get(2)),
                absolute(args.get(3)),
                args.get(4),
                args.get(5),
                args.get(6),
                input);
    }

    private static Logs logs(SessionKey key, List<String> rest, Provider provider) {
        int count;
        try {
            count = Integer.parseInt(rest.get(0));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad file count");
        }
        if (count < 1 || rest.size() != 1 + 3L * count) {
            throw new IllegalArgumentException("bad file count");
        }
        List<SessionFile> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            FileRole role;
            try {
                role = FileRole.valueOf(rest.get(1 + 3 * i));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown file role");
            }
            String agent = rest.get(2 + 3 * i);
            files.add(
                    new SessionFile(
                            provider,
                            absolute(rest.get(3 + 3 * i)),
                            role,
                            agent.isEmpty() ? null : agent));
        }
        return new Logs(key, files);
    }

    private static Path absolute(String raw) {
        Path p = Path.of(raw);
        if (!p.isAbsolute()) {
            throw new IllegalArgumentException("paths must be absolute");
        }
        return p;
    }
}
