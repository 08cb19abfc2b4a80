package dev.kato.cli;

import dev.kato.sandbox.DoctorReport;
import dev.kato.sandbox.Layer;
import dev.kato.sandbox.LayerState;
import dev.kato.sandbox.Role;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Renders a {@link DoctorReport}: a table with one row per layer and one column per role, then one
 * row per capability. New capability rows (e.g. how destinations are opened) need no change here.
 */
final class DoctorView {
    private DoctorView() {}

    static String text(DoctorReport report) {
        StringBuilder sb = new StringBuilder();
        sb.append("Kernel confinement, proven by live probes (sandbox.mode: ")
                .append(report.mode().configValue())
                .append(")\n\n");
        List<Role> roles = report.roles();
        sb.append(String.format("%-16s", "LAYER"));
        for (Role r : roles) {
            sb.append(String.format("  %-15s", r.id()));
        }
        sb.append('\n');
        for (Layer layer : Layer.values()) {
            sb.append(String.format("%-16s", layer.label()));
            for (Role r : roles) {
                LayerState s = report.matrix().get(r).get(layer);
                sb.append(String.format("  %-15s", s == null ? "-" : s.id()));
            }
            sb.append('\n');
        }
        sb.append('\n');
        for (DoctorReport.Capability c : report.capabilities()) {
            sb.append(String.format("%-22s %s%n", c.label() + ":", c.value()));
        }
        List<String> notEnforced = report.notEnforced();
        if (notEnforced.isEmpty()) {
            sb.append("\nEvery layer is enforced for every role.\n");
        } else {
            sb.append('\n');
            for (String line : notEnforced) {
                sb.append("not enforced: ").append(line).append('\n');
            }
        }
        return sb.toString().replaceAll("(?m) +$", "");
    }

    static String json(DoctorReport report) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g =
                JsonFactory.builder().build().createGenerator(ObjectWriteContext.empty(), out)) {
            g.writeStartObject();
            g.writeStringProperty("sandboxMode", report.mode().configValue());
            g.writeBooleanProperty("ok", report.missing().isEmpty());
            g.writeName("roles");
            g.writeStartObject();
            for (Role r : report.roles()) {
                g.writeName(r.id());
                g.writeStartObject();
                for (Map.Entry<Layer, LayerState> e : report.matrix().get(r).entrySet()) {
                    g.writeName(e.getKey().id());
                    g.writeStartObject();
                    g.writeStringProperty("state", e.getValue().id());
                    if (!e.getValue().reason().isEmpty()) {
                        g.writeStringProperty("reason", e.getValue().reason());
                    }
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeName("capabilities");
            g.writeStartObject();
            for (DoctorReport.Capability c : report.capabilities()) {
                g.writeStringProperty(c.id(), c.value());
            }
            g.writeEndObject();
            g.writeName("missing");
            g.writeStartArray();
            for (String line : report.missing()) {
                g.writeString(line);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return out + "\n";
    }
}
