package dev.kato.sandbox;

import dev.kato.sandbox.ProbeRecord.ThreadCensus;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads {@code NoNewPrivs} and {@code Seccomp} of every thread from {@code /proc/self/task}. */
public final class ThreadStatus {
    private ThreadStatus() {}

    public static ThreadCensus census(String phase) {
        int threads = 0;
        int nnp = 0;
        int filtered = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                String status;
                try {
                    status = Files.readString(task.resolve("status"));
                } catch (IOException e) {
                    continue; // the thread ended meanwhile
                }
                threads++;
                if (status.contains("\nNoNewPrivs:\t1")) {
                    nnp++;
                }
                if (status.contains("\nSeccomp:\t2")) {
                    filtered++;
                }
            }
        } catch (IOException e) {
            return new ThreadCensus(phase, 0, 0, 0);
        }
        return new ThreadCensus(phase, threads, nnp, filtered);
    }
}
