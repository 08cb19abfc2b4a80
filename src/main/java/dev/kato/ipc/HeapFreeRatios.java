package dev.kato.ipc;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;

/**
 * The serial collector's free-space ratios of this JVM, switched between bursts of work and idle.
 * Started with small ratios (every Kato JVM: {@code -XX:MinHeapFreeRatio=10
 * -XX:MaxHeapFreeRatio=30}) the heap stays small when idle, but during a burst it then grows a
 * little at every full collection and is cut back at the next one: the young generation, sized from
 * the old one, stays a few MB, collections run every few MB allocated, and the pages given back are
 * faulted in and zeroed again. During a catch-up the collectors' threads had a seventh of all
 * samples, half of it that faulting and zeroing (see {@code docs/decisions.md}). While busy the
 * heap may therefore grow with at least 40 % and keep up to 70 % of it free; the idle collection
 * first restores the start-up ratios, so an idle process returns to a small heap as before. Both
 * flags are {@code manageable}: the JVM accepts them at run time, through its own diagnostic bean,
 * in this process only (the attach mechanism stays disabled). A JVM that refuses (another
 * collector, a flag made read-only) keeps the ratios it started with; nothing else depends on them.
 */
final class HeapFreeRatios implements HeapSizing {
    static final String MIN = "MinHeapFreeRatio";
    static final String MAX = "MaxHeapFreeRatio";
    static final int BUSY_MIN = 40;
    static final int BUSY_MAX = 70;

    private final HotSpotDiagnosticMXBean vm;
    private final int idleMin;
    private final int idleMax;

    private HeapFreeRatios(HotSpotDiagnosticMXBean vm, int idleMin, int idleMax) {
        this.vm = vm;
        this.idleMin = idleMin;
        this.idleMax = idleMax;
    }

    /**
     * This JVM's ratios as it started, or {@link HeapSizing#FIXED} when they cannot be changed.
     * Loads the JVM's management classes: call it off any latency-sensitive path.
     */
    static HeapSizing ofThisVm() {
        try {
            HotSpotDiagnosticMXBean vm =
                    ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            VMOption min = vm.getVMOption(MIN);
            VMOption max = vm.getVMOption(MAX);
            if (!min.isWriteable() || !max.isWriteable()) {
                return HeapSizing.FIXED;
            }
            return new HeapFreeRatios(
                    vm, Integer.parseInt(min.getValue()), Integer.parseInt(max.getValue()));
        } catch (RuntimeException | LinkageError | java.util.ServiceConfigurationError e) {
            // no management classes or native library in this runtime
            return HeapSizing.FIXED;
        }
    }

    /** Room to grow; never less than the ratios it started with. */
    @Override
    public void busy() {
        // the maximum first: the JVM refuses a minimum above the maximum
        set(MAX, Math.max(idleMax, BUSY_MAX));
        set(MIN, Math.max(idleMin, BUSY_MIN));
    }

    /** The ratios it started with. */
    @Override
    public void idle() {
        set(MIN, idleMin);
        set(MAX, idleMax);
    }

    private void set(String flag, int value) {
        try {
            vm.setVMOption(flag, Integer.toString(value));
        } catch (RuntimeException e) {
            // refused: the heap keeps the ratio it had, which only costs collections
        }
    }

    @Override
    public String toString() {
        return "HeapFreeRatios[idle " + idleMin + "/" + idleMax + "]";
    }
}
