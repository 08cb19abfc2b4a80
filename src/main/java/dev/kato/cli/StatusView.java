package dev.kato.cli;

import dev.kato.control.DaemonStatus;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/** Renders a {@link DaemonStatus} as the text {@code kato status} prints. */
final class StatusView {
    private StatusView() {}

    static String text(DaemonStatus s, boolean all) {
        StringBuilder sb = new StringBuilder();
        sb.append("daemon: running (pid ")
                .append(s.pid())
                .append(", up ")
                .append(uptime(s.uptime()))
                .append(")\n");
        sb.append("  KATO_HOME: ").append(s.katoHome()).append('\n');
        sb.append("  config: ")
                .append(s.configPath())
                .append(" (sha256 ")
                .append(s.configSha256(), 0, 12)
                .append("…)\n");
        sb.append("providers:\n");
        for (DaemonStatus.ProviderStatus p : s.providers()) {
            if (p.roots().isEmpty()) {
                sb.append("  ").append(p.id()).append(": off (no session roots)\n");
            }
            for (DaemonStatus.RootStatus r : p.roots()) {
                sb.append("  ")
                        .append(p.id())
                        .append(": ")
                        .append(r.path())
                        .append(r.exists() ? "" : " (missing)")
                        .append('\n');
            }
        }
        DaemonStatus.Activity a = s.activity();
        List<String> sandbox = new java.util.ArrayList<>(matrix(a.confinement()));
        a.sandbox().forEach(r -> sandbox.add(r.role() + ": " + r.state()));
        section(sb, "sandbox", sandbox, line -> line);
        section(
                sb,
                all ? "sessions (all)" : "sessions (active)",
                a.sessions(),
                x -> x.provider() + " " + x.sessionId() + (x.stale() ? " (stale)" : ""));
        section(
                sb,
                "recordings",
                a.recordings(),
                r -> r.provider() + " " + r.sessionId() + " -> " + r.destination());
        section(
                sb,
                "recent commands",
                a.recentCommands(),
                c ->
                        c.at()
                                + " "
                                + c.command()
                                + (c.applied() ? " applied" : " rejected: " + c.reason()));
        section(
                sb,
                "recent errors",
                a.recentErrors(),
                e -> e.at() + " " + e.component() + ": " + e.message());
        return sb.toString();
    }

    /** The role × layer matrix as aligned lines (a header first), or nothing without rows. */
    static List<String> matrix(List<DaemonStatus.LayerStatus> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        String format = "%-16s %-13s %-13s %s";
        List<String> out = new java.util.ArrayList<>();
        out.add(
                String.format(
                                java.util.Locale.ROOT,
                                format,
                                "role",
                                "landlock",
                                "seccomp",
                                "start-up probes")
                        .stripTrailing());
        for (DaemonStatus.LayerStatus r : rows) {
            out.add(
                    String.format(
                            java.util.Locale.ROOT,
                            format,
                            r.role(),
                            r.landlock(),
                            r.seccomp(),
                            r.probes()));
        }
        return out;
    }

    private static <T> void section(
            StringBuilder sb, String title, List<T> items, Function<T, String> line) {
        sb.append(title).append(':');
        if (items.isEmpty()) {
            sb.append(" none\n");
            return;
        }
        sb.append('\n');
        for (T item : items) {
            sb.append("  ").append(line.apply(item)).append('\n');
        }
    }

    static String uptime(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m " + (s % 60) + "s";
        }
        if (s < 86_400) {
            return (s / 3600) + "h " + (s % 3600 / 60) + "m";
        }
        return (s / 86_400) + "d " + (s % 86_400 / 3600) + "h";
    }
}
