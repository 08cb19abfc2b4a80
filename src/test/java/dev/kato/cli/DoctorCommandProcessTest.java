package dev.kato.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kato.json.JsonLimits;
import dev.kato.json.JsonTreeReader;
import dev.kato.json.JsonValue;
import dev.kato.sandbox.Landlock;
import dev.kato.testing.KatoProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kato doctor} as a user runs it: real confined probe processes for every role. On this
 * project's machines (Landlock ABI &ge; 4, x86_64) every layer is enforced and the exit code is 0;
 * elsewhere the test is skipped with the reason.
 */
class DoctorCommandProcessTest {
    private static final List<String> ROLES =
            List.of("orchestrator", "provider-worker", "writer-worker", "export");
    private static final List<String> LAYERS =
            List.of("landlock-fs", "landlock-net", "seccomp", "no-new-privs", "environment");

    @TempDir Path tmp;

    @Test
    void json_everyLayerEnforcedForEveryRole_exitZero() throws Exception {
        int abi = Landlock.abi();
        assumeTrue(
                abi >= 4,
                "skipped: needs Landlock ABI >= 4 on x86_64 (TCP rules); this kernel has " + abi);
        CliHarness h = new CliHarness(tmp).withConfig("");
        KatoProcess.Result r = KatoProcess.run(env(h), tmp, "doctor", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonValue.Obj doc = parse(r.out());
        assertThat(doc.get("sandboxMode")).isEqualTo(new JsonValue.Str("required"));
        assertThat(doc.get("ok")).isEqualTo(new JsonValue.Bool(true));
        JsonValue.Obj roles = (JsonValue.Obj) doc.get("roles");
        assertThat(roles.fields().keySet()).containsExactlyElementsOf(ROLES);
        for (String role : ROLES) {
            JsonValue.Obj layers = (JsonValue.Obj) roles.get(role);
            assertThat(layers.fields().keySet()).containsExactlyElementsOf(LAYERS);
            for (String layer : LAYERS) {
                assertThat(((JsonValue.Obj) layers.get(layer)).get("state"))
                        .as(role + " " + layer)
                        .isEqualTo(new JsonValue.Str("enforced"));
            }
        }
        JsonValue.Obj caps = (JsonValue.Obj) doc.get("capabilities");
        assertThat(caps.get("landlock-abi")).isEqualTo(new JsonValue.Str(Integer.toString(abi)));
        // this kernel (6.x) has openat2; the writer's own tests cover the fallback walk
        assertThat(((JsonValue.Str) caps.get("race-free-open")).value())
                .startsWith("race-free: openat2 (");
        assertThat(((JsonValue.Arr) doc.get("missing")).items()).isEmpty();
        // every verdict is in the audit chain, one record per role and layer, one run id
        List<String> probes =
                java.nio.file.Files.readAllLines(h.katoHome.resolve("logs/security-audit.jsonl"))
                        .stream()
                        .filter(l -> l.contains("\"sandbox.probe\""))
                        .toList();
        assertThat(probes).hasSize(ROLES.size() * LAYERS.size());
        assertThat(probes).allMatch(l -> l.contains("\"state\":\"enforced\""));
        List<JsonValue> runs = new java.util.ArrayList<>();
        for (String line : probes) {
            runs.add(parse(line).get("correlationId"));
        }
        assertThat(runs.stream().distinct()).hasSize(1);
        KatoProcess.Result verify = KatoProcess.run(env(h), tmp, "audit", "verify");
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
    }

    @Test
    void text_showsTheMatrix() throws Exception {
        assumeTrue(Landlock.abi() >= 4, "skipped: needs Landlock ABI >= 4 on x86_64");
        CliHarness h = new CliHarness(tmp).withConfig("sandbox:\n  mode: best-effort\n");
        KatoProcess.Result r = KatoProcess.run(env(h), tmp, "doctor");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("sandbox.mode: best-effort")
                .containsPattern("seccomp +enforced +enforced +enforced")
                .contains("Every layer is enforced for every role.")
                .containsPattern("destination open: +race-free: openat2 \\(");
    }

    private static Map<String, String> env(CliHarness h) {
        return Map.of("KATO_HOME", h.katoHome.toString(), "HOME", h.home.toString());
    }

    private static JsonValue.Obj parse(String json) throws Exception {
        return (JsonValue.Obj)
                new JsonTreeReader(JsonLimits.DEFAULT).read(json.getBytes(StandardCharsets.UTF_8));
    }
}
