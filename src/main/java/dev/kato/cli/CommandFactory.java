package dev.kato.cli;

import picocli.CommandLine;

/**
 * Creates command objects with the shared {@link CliContext}; no reflection beyond picocli's own.
 */
final class CommandFactory implements CommandLine.IFactory {
    private final CliContext context;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    CommandFactory(CliContext context) {
        this.context = context;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        if (ContextAware.class.isAssignableFrom(type)) {
            K command = fallback.create(type);
            ((ContextAware) command).setContext(context);
            return command;
        }
        return fallback.create(type);
    }

    /** Commands that need the environment, clock and config get them here. */
    interface ContextAware {
        void setContext(CliContext context);
    }
}
