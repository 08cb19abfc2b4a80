package dev.kato.bench;

/**
 * Prints {@code provider=bytes} of the sessions {@link ParseBench} generates, for the MB/s figure.
 */
public final class GeneratedSize {
    private GeneratedSize() {}

    public static void main(String[] args) {
        StringBuilder sb = new StringBuilder();
        for (String provider : args) {
            sb.append(provider)
                    .append('=')
                    .append(SessionGenerator.inMemory(provider, ParseBench.SIZE).length)
                    .append(' ');
        }
        System.out.println(sb.toString().strip());
    }
}
