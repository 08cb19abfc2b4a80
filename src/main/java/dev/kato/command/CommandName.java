package dev.kato.command;

import java.util.Locale;
import java.util.Optional;

/** The known command names and what each accepts as argument. */
enum CommandName {
    INIT(Arity.OPTIONAL),
    RECORD(Arity.NONE),
    CAPTURE(Arity.OPTIONAL),
    EXPORT(Arity.REQUIRED),
    STOP(Arity.NONE);

    enum Arity {
        NONE,
        OPTIONAL,
        REQUIRED
    }

    private final Arity arity;

    CommandName(Arity arity) {
        this.arity = arity;
    }

    Arity arity() {
        return arity;
    }

    /** The name as typed after {@code ::}, lower case. */
    String typed() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The command with this name, ASCII case-insensitively. The token must already be ASCII ({@link
     * CommandParser} checks), so Unicode case folding ({@code ſ}, dotless {@code ı}, the Kelvin
     * sign) can never turn a lookalike into a command.
     */
    static Optional<CommandName> tryFromAsciiToken(String token) {
        String lower = token.toLowerCase(Locale.ROOT);
        for (CommandName name : values()) {
            if (name.typed().equals(lower)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }
}
