/** Kato: captures AI coding-assistant conversations into files the user owns. */
module dev.kato {
    requires info.picocli;
    requires tools.jackson.core;
    requires org.snakeyaml.engine;
    requires static org.jspecify;
    requires jdk.security.auth;
    requires jdk.net;
    requires jdk.management;

    opens dev.kato.cli to
            info.picocli;
}
