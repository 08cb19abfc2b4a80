package dev.kato.sandbox;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The files a confined JVM needs merely to start and run: its JDK, Kato's module path, the optional
 * AOT cache, the ELF interpreter and system libraries, and a few {@code /etc}, {@code /proc} and
 * {@code /sys} entries the JVM reads at start-up (found with {@code strace -f -e trace=%file}). All
 * read-only; only {@code java} and the ELF interpreter are executable (plus {@code jspawnhelper}
 * for the orchestrator, which spawns workers).
 *
 * @param javaHome the JDK that runs the confined JVM
 * @param modulePath Kato's module path entries (jars or class directories)
 * @param aotCache an AOT cache file for the worker JVM, if any
 */
public record WorkerRuntime(Path javaHome, List<Path> modulePath, Optional<Path> aotCache) {
    public WorkerRuntime {
        requireNonNull(javaHome, "javaHome");
        modulePath = List.copyOf(modulePath);
        requireNonNull(aotCache, "aotCache");
    }

    private static final List<String> SYSTEM_READ =
            List.of(
                    "/usr/lib/x86_64-linux-gnu",
                    "/lib/x86_64-linux-gnu",
                    "/usr/lib/locale",
                    "/etc/ld.so.cache",
                    "/etc/nsswitch.conf",
                    "/etc/passwd",
                    "/etc/group",
                    "/etc/localtime",
                    "/etc/timezone",
                    "/proc/self",
                    "/proc/stat",
                    "/proc/meminfo",
                    "/proc/cpuinfo",
                    "/proc/cgroups",
                    "/proc/sys/vm/mmap_min_addr",
                    "/proc/sys/kernel/pid_max",
                    "/sys/fs/cgroup",
                    "/sys/devices/system/cpu",
                    "/sys/kernel/mm",
                    "/dev/urandom",
                    "/dev/random");

    private static final String ELF_INTERPRETER = "/lib64/ld-linux-x86-64.so.2";

    /** The runtime of this JVM: its {@code java.home} and its module path. */
    public static WorkerRuntime current(Optional<Path> aotCache) {
        String mp = System.getProperty("jdk.module.path", "");
        if (mp.isBlank()) {
            throw new SandboxException("Kato is not running on a module path");
        }
        List<Path> entries =
                Arrays.stream(mp.split(File.pathSeparator))
                        .filter(s -> !s.isBlank())
                        .map(s -> Path.of(s).toAbsolutePath().normalize())
                        .toList();
        return new WorkerRuntime(Path.of(System.getProperty("java.home")), entries, aotCache);
    }

    /** The file name of the workers' AOT cache, beside Kato's jar ({@code bin/kato} makes it). */
    public static final String WORKER_AOT_CACHE = "kato-worker.aot";

    /**
     * The runtime of this JVM for worker processes, with the workers' AOT cache when there is one
     * beside the jar of this module path (a regular file, not a link).
     */
    public static WorkerRuntime forWorkers() {
        WorkerRuntime plain = current(Optional.empty());
        for (Path entry : plain.modulePath()) {
            if (entry.getFileName() != null && entry.getFileName().toString().endsWith(".jar")) {
                Path cache = entry.resolveSibling(WORKER_AOT_CACHE);
                if (java.nio.file.Files.isRegularFile(
                        cache, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    return new WorkerRuntime(
                            plain.javaHome(), plain.modulePath(), Optional.of(cache));
                }
            }
        }
        return plain;
    }

    public Path javaLauncher() {
        return javaHome.resolve("bin").resolve("java");
    }

    /** The module path as one {@code -p} argument. */
    public String modulePathArgument() {
        return String.join(File.pathSeparator, modulePath.stream().map(Path::toString).toList());
    }

    /** The runtime's Landlock grants for {@code role}. */
    public List<PathRule> rules(Role role) {
        List<PathRule> rules = new ArrayList<>();
        rules.add(new PathRule(javaHome, FsAccess.READ));
        rules.add(new PathRule(javaLauncher(), FsAccess.READ_EXECUTE));
        rules.add(new PathRule(Path.of(ELF_INTERPRETER), FsAccess.READ_EXECUTE));
        if (role == Role.ORCHESTRATOR) {
            rules.add(
                    new PathRule(
                            javaHome.resolve("lib").resolve("jspawnhelper"),
                            FsAccess.READ_EXECUTE));
        }
        for (Path entry : modulePath) {
            rules.add(new PathRule(entry, FsAccess.READ));
        }
        aotCache.ifPresent(a -> rules.add(new PathRule(a, FsAccess.READ)));
        for (String p : SYSTEM_READ) {
            rules.add(new PathRule(Path.of(p), FsAccess.READ));
        }
        rules.add(new PathRule(Path.of("/dev/null"), FsAccess.DEVICE_READ_WRITE));
        return List.copyOf(rules);
    }
}
