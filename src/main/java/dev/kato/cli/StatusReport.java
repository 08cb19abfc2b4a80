package dev.kato.cli;

import dev.kato.control.ControlReply;
import dev.kato.control.ControlRequest;
import dev.kato.control.DaemonClient;
import dev.kato.control.StatusJson;
import java.io.IOException;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * One rendering of {@code kato status}, text or JSON. Free of picocli so that the plain forms of
 * the command can be answered before picocli loads ({@link QuickCommands}).
 *
 * @param control how to reach the daemon of this {@code KATO_HOME}
 * @param json one JSON object instead of text
 * @param all include stale sessions
 */
record StatusReport(DaemonControl control, boolean json, boolean all) {

    /**
     * The status, ending with a newline; a daemon that holds the lock but never answers is a {@link
     * UserError}.
     */
    String render() throws IOException, InterruptedException {
        // One exchange when the daemon runs (the common case); only without an answer does the
        // probe find out whether it is absent, stale or stuck.
        try {
            if (control.client().send(new ControlRequest.Status(all))
                    instanceof
                    DaemonClient.Exchange.Replied(ControlReply.StatusReply(var status))) {
                return json ? StatusJson.toText(status) + "\n" : StatusView.text(status, all);
            }
        } catch (IOException e) {
            // the probe below reports what is wrong
        }
        DaemonState state = control.probe();
        if (state instanceof DaemonState.Unresponsive) {
            state = control.probeUntilSettled(Duration.ofSeconds(2));
        }
        return switch (state) {
            case DaemonState.Running(long pid) -> running(pid);
            case DaemonState.NotRunning notRunning -> notRunning(notRunning);
            case DaemonState.Unresponsive(OptionalLong pid, String reason) ->
                    throw DaemonLifecycle.unresponsive(pid, reason);
        };
    }

    private String running(long pid) throws IOException {
        return switch (control.client().send(new ControlRequest.Status(all))) {
            case DaemonClient.Exchange.Replied(ControlReply.StatusReply(var status)) ->
                    json ? StatusJson.toText(status) + "\n" : StatusView.text(status, all);
            case DaemonClient.Exchange.Replied(ControlReply.Failure f) ->
                    throw new UserError(
                            "the daemon (pid "
                                    + pid
                                    + ") refused the status request: "
                                    + f.message());
            case DaemonClient.Exchange.Replied(ControlReply.Ack _) ->
                    throw new UserError("the daemon (pid " + pid + ") gave an unexpected reply");
            case DaemonClient.Exchange.NotListening _ ->
                    notRunning(new DaemonState.NotRunning(OptionalLong.empty(), false));
        };
    }

    private String notRunning(DaemonState.NotRunning state) {
        if (json) {
            if (!state.stale()) {
                return StatusJson.NOT_RUNNING + "\n";
            }
            return "{\"daemon\":{\"running\":false,\"stale\":true"
                    + (state.stalePid().isPresent()
                            ? ",\"stalePid\":" + state.stalePid().getAsLong()
                            : "")
                    + "}}\n";
        }
        if (!state.stale()) {
            return "daemon: not running\n";
        }
        return "daemon: not running (stale: "
                + DaemonControl.describeStale(state)
                + "; 'kato stop' or 'kato start' cleans it up)\n";
    }
}
