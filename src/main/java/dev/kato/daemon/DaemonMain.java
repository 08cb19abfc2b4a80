package dev.kato.daemon;

import dev.kato.config.ConfigProblem;
import dev.kato.config.Environment;
import dev.kato.config.InvalidEnvironmentException;
import dev.kato.control.Readiness;
import dev.kato.sandbox.Role;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/**
 * Process entry point of the Kato daemon, started by {@code kato start} as {@code java … -m
 * dev.kato/dev.kato.daemon.DaemonMain} with a scrubbed environment: through the confining
 * trampoline with the arguments {@code orchestrator SHA256} (the config its envelope was computed
 * from), or, with {@code sandbox.mode: off} only, plainly without arguments. The first line on
 * standard output is the start-up handshake ({@link Readiness}); after it the daemon writes nothing
 * more to standard output. Exit codes: 0 stopped normally, 1 could not start, 2 bad arguments, 3
 * another daemon already runs for this {@code KATO_HOME}.
 */
public final class DaemonMain {
    private DaemonMain() {}

    public static void main(String[] args) throws InterruptedException {
        PrintStream handshakeOut = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Optional<String> launchedFor;
        if (args.length == 0) {
            launchedFor = Optional.empty();
        } else if (args.length == 2
                && args[0].equals(Role.ORCHESTRATOR.id())
                && args[1].matches("[0-9a-f]{64}")) {
            launchedFor = Optional.of(args[1]);
        } else {
            handshakeOut.println(
                    new Readiness.Failed("the daemon takes no arguments but its role").render());
            System.exit(2);
            return;
        }
        Environment env;
        try {
            env = Environment.capture();
        } catch (InvalidEnvironmentException e) {
            StringBuilder sb = new StringBuilder("bad environment:");
            for (ConfigProblem p : e.problems()) {
                sb.append(' ').append(p.render());
            }
            handshakeOut.println(new Readiness.Failed(sb.toString()).render());
            System.exit(1);
            return;
        }
        try {
            var insecure =
                    env.insecureDirectory(new com.sun.security.auth.module.UnixSystem().getUid());
            if (insecure.isPresent()) {
                handshakeOut.println(
                        new Readiness.Failed("refusing to run: " + insecure.get()).render());
                System.exit(1);
                return;
            }
        } catch (java.io.IOException e) {
            handshakeOut.println(
                    new Readiness.Failed("cannot check the permissions of KATO_HOME").render());
            System.exit(1);
            return;
        }
        int code =
                Daemon.run(
                        env,
                        Clock.systemUTC(),
                        readiness -> {
                            handshakeOut.println(readiness.render());
                            handshakeOut.flush();
                            // Nothing else may reach the pipe `kato start` reads (it is gone soon).
                            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
                        },
                        launchedFor);
        if (code != Daemon.EXIT_OK) {
            System.exit(code);
        }
        // A normal return: System.exit would block forever if a shutdown hook is running (SIGTERM).
    }
}
