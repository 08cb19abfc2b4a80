package dev.kato.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code kato --version}: the version recorded in the jar manifest at build time. */
final class VersionInfo implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"kato " + version()};
    }

    static String version() {
        String v = VersionInfo.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
