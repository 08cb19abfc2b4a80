package dev.kato.sandbox;

import java.util.random.RandomGenerator;

/**
 * The address at which the workers' AOT cache is mapped, chosen at random once per build of the
 * cache. Every Kato JVM that uses the cache maps it there, unrelocated ({@code
 * -XX:ArchiveRelocationMode=0}), so its pages stay clean and the kernel shares them between the
 * daemon and its workers; a JVM that relocates its copy (the JDK's default) dirties about 11 MB of
 * it per process. The address stays random to anyone outside this installation: it is drawn from
 * 2<sup>22</sup> aligned slots between 64 GiB and 64 TiB, far from where the JVM puts its small
 * heap and where the kernel puts libraries. If the address is taken, the JVM relocates as usual.
 *
 * @param address the base address, {@link #ALIGNMENT}-aligned, in [{@link #LOWEST}, {@link
 *     #HIGHEST})
 */
public record ArchiveBase(long address) {
    /** The lowest base address drawn: 64 GiB. */
    public static final long LOWEST = 1L << 36;

    /** One past the highest base address drawn: 64 TiB, well below the 128 TiB user space. */
    public static final long HIGHEST = 1L << 46;

    /** The alignment of a base address: 16 MiB. */
    public static final long ALIGNMENT = 1L << 24;

    public ArchiveBase {
        if (address < LOWEST || address >= HIGHEST || address % ALIGNMENT != 0) {
            throw new IllegalArgumentException("archive base out of range or unaligned");
        }
    }

    /** A base address drawn from {@code random} (a {@code SecureRandom} outside tests). */
    public static ArchiveBase random(RandomGenerator random) {
        long slots = (HIGHEST - LOWEST) / ALIGNMENT;
        return new ArchiveBase(LOWEST + random.nextLong(slots) * ALIGNMENT);
    }

    /** The JVM flag that places the cache being created at this address. */
    public String flag() {
        return "-XX:SharedBaseAddress=0x" + Long.toHexString(address);
    }
}
