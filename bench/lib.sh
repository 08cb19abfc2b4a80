# Set-up shared by the bench scripts that run a daemon; sourced from the repository root.

# bench_work: a temporary directory in $work, removed on exit after stopping the daemon of
# $KATO_HOME, if one was started
bench_work() {
    work=$(mktemp -d)
    trap 'if [ -n "${KATO_HOME:-}" ]; then bin/kato stop >/dev/null 2>&1 || true; fi; rm -rf "$work"' EXIT
}

# bench_roots: the three provider roots and a notes directory under $work; the Gemini root holds
# a few real-shaped Gemini CLI sessions, so all three provider workers have something to read
bench_roots() {
    mkdir -p "$work/claude" "$work/codex/2026/11" "$work/gemini" "$work/notes"
    local k=0 f
    for f in src/test/resources/testdata/provider/gemini/*.input.jsonl; do
        k=$((k + 1))
        mkdir -p "$work/gemini/project-$k/chats"
        cp "$f" "$work/gemini/project-$k/chats/session-2026-11-01T09-00-$(printf '%08d' "$k").jsonl"
    done
}

# bench_home NAME: exports KATO_HOME=$work/NAME, a fresh home watching $work's three roots
bench_home() {
    export KATO_HOME="$work/$1"
    mkdir -p "$KATO_HOME"
    cat >"$KATO_HOME/kato-config.yaml" <<YAML
schemaVersion: 1
providerSessionRoots:
  claude: [$work/claude]
  codex: [$work/codex]
  gemini: [$work/gemini]
allowedWriteRoots: [$work/notes]
YAML
}
