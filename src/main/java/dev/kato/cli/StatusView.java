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
        section(sb, "sandbox", a.sandbox(), r -> r.role() + ": " + r.state());
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
