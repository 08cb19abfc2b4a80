package dev.kato.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigInitTest {
    @TempDir Path tmp;

    private Environment env() {
        return ConfigTesting.env(Map.of("KATO_HOME", tmp.resolve("kato").toString()));
    }

    @Test
    void createIfMissing_writesTheDefaultConfig_0600_in_0700() throws IOException {
        Environment env = env();
        ConfigInit.Outcome outcome = ConfigInit.createIfMissing(env, List.of());
        assertThat(outcome).isEqualTo(new ConfigInit.Outcome.Created(env.configPath()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env.configPath())))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env.katoHome())))
                .isEqualTo("rwx------");
        ConfigResult loaded = ConfigLoader.load(env);
        assertThat(((ConfigResult.Loaded) loaded).config()).isEqualTo(KatoConfig.defaults(env));
        try (var files = Files.list(env.katoHome())) {
            assertThat(files).containsExactly(env.configPath());
        }
    }

    @Test
    void createIfMissing_withExtraRoots_roundTrips() throws IOException {
        Environment env = env();
        ConfigInit.Outcome outcome =
                ConfigInit.createIfMissing(
                        env, List.of("/data/notes/", "~/docs/./chats", "/data/notes"));
        assertThat(outcome).isInstanceOf(ConfigInit.Outcome.Created.class);
        KatoConfig config = ((ConfigResult.Loaded) ConfigLoader.load(env)).config();
        assertThat(config.allowedWriteRoots())
                .containsExactly(
                        env.recordingsDir(),
                        env.exportsDir(),
                        Path.of("/data/notes"),
                        ConfigTesting.HOME.resolve("docs/chats"));
    }

    @Test
    void createIfMissing_neverOverwrites() throws IOException {
        Environment env = env();
        Files.createDirectories(env.katoHome());
        Files.writeString(env.configPath(), "mine\n");
        assertThat(ConfigInit.createIfMissing(env, List.of()))
                .isEqualTo(new ConfigInit.Outcome.AlreadyExists(env.configPath()));
        assertThat(Files.readString(env.configPath())).isEqualTo("mine\n");
    }

    @Test
    void createIfMissing_neverFollowsADanglingSymlink() throws IOException {
        Environment env = env();
        Files.createDirectories(env.katoHome());
        Path target = tmp.resolve("elsewhere.yaml");
        Files.createSymbolicLink(env.configPath(), target);
        assertThat(ConfigInit.createIfMissing(env, List.of()))
                .isInstanceOf(ConfigInit.Outcome.AlreadyExists.class);
        assertThat(target).doesNotExist();
    }

    @Test
    void writeNew_losingARace_leavesTheOtherFile() throws IOException {
        Path target = tmp.resolve("c.yaml");
        Files.writeString(target, "other\n");
        assertThat(ConfigInit.writeNew(target, "schemaVersion: 1\n")).isFalse();
        assertThat(Files.readString(target)).isEqualTo("other\n");
        try (var files = Files.list(tmp)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void badExtraRoots_areAllRejected_andNothingIsWritten() throws IOException {
        Environment env = env();
        ConfigInit.Outcome outcome =
                ConfigInit.createIfMissing(
                        env,
                        List.of(
                                "relative",
                                "/ok",
                                "",
                                env.sessionsDir().toString(),
                                "~/.claude/projects/x"));
        assertThat(outcome).isInstanceOf(ConfigInit.Outcome.Rejected.class);
        assertThat(((ConfigInit.Outcome.Rejected) outcome).problems())
                .extracting(p -> p.keyPath() + ": " + p.line())
                .containsExactly(
                        "--allow-write-root[0]: 0",
                        "--allow-write-root[2]: 0",
                        "--allow-write-root[3]: 0",
                        "--allow-write-root[4]: 0");
        assertThat(env.configPath()).doesNotExist();
    }

    @Test
    void prepare_rendersWhatItReturns() {
        ConfigInit.Prepared prepared = ConfigInit.prepare(ConfigTesting.env(), List.of("/x"));
        ConfigInit.Prepared.Ready ready = (ConfigInit.Prepared.Ready) prepared;
        assertThat(ConfigTesting.load(ready.yaml())).isEqualTo(ready.config());
        assertThat(ready.yaml()).contains("  - /x\n");
    }
}
