package dev.kato.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kato refuses to run on a KATO_HOME (or a directory in it) that other users could write. */
class KatoHomePermissionsTest {
    @TempDir Path tmp;

    @Test
    void aHomeWritableByOthersOrItsGroup_isRefused_withOneLineAndTheFix() throws IOException {
        CliHarness cli = new CliHarness(tmp).withConfig("");
        assertThat(cli.run("sessions").exitCode()).isZero();

        for (String mode : new String[] {"rwxrwxrwx", "rwxrwx---", "rwx-w----"}) {
            Files.setPosixFilePermissions(cli.katoHome, PosixFilePermissions.fromString(mode));
            for (String[] args : new String[][] {{"sessions"}, {"status"}, {"start"}}) {
                CliHarness.Result r = cli.run(args);
                assertThat(r.exitCode()).as(mode + " " + args[0]).isEqualTo(1);
                assertThat(r.err().strip())
                        .startsWith("kato: refusing to run: " + cli.katoHome)
                        .contains("chmod 700")
                        .doesNotContain("\n");
            }
        }
        Files.setPosixFilePermissions(cli.katoHome, PosixFilePermissions.fromString("rwx------"));
        assertThat(cli.run("sessions").exitCode()).isZero();
    }

    @Test
    void anInsecureDirectoryInsideTheHome_isRefusedToo() throws IOException {
        CliHarness cli = new CliHarness(tmp).withConfig("");
        Path logs = Files.createDirectories(cli.katoHome.resolve("logs"));
        Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("rwxrwxrwx"));
        CliHarness.Result r = cli.run("sessions");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains(logs.toString()).contains("writable by other users");
    }

    @Test
    void aHomeThatIsASymlink_isRefused() throws IOException {
        CliHarness cli = new CliHarness(tmp);
        Path real = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.createSymbolicLink(cli.katoHome, real);
        CliHarness.Result r = cli.run("sessions");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("is a symbolic link");
    }
}
