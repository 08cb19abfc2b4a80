package dev.kato.sandbox;

/** The confinement layers a process role is checked for, in report order. */
public enum Layer {
    LANDLOCK_FS("landlock-fs", "landlock fs"),
    LANDLOCK_NET("landlock-net", "landlock net"),
    SECCOMP("seccomp", "seccomp"),
    NO_NEW_PRIVS("no-new-privs", "no_new_privs"),
    ENVIRONMENT("environment", "environment");

    private final String id;
    private final String label;

    Layer(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }
}
