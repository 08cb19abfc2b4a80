package dev.kato.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The real JVM's free ratios switched at run time: this test's own JVM, whose ratios are the
 * defaults or those Surefire gives it. Restores them at the end.
 */
class HeapFreeRatiosTest {
    private final HotSpotDiagnosticMXBean vm =
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

    private int option(String name) {
        return Integer.parseInt(vm.getVMOption(name).getValue());
    }

    @Test
    void busyWidensTheRatios_andIdleRestoresThoseTheJvmStartedWith() {
        int min = option(HeapFreeRatios.MIN);
        int max = option(HeapFreeRatios.MAX);
        HeapSizing sizing = HeapFreeRatios.ofThisVm();
        assertThat(sizing).isInstanceOf(HeapFreeRatios.class);
        try {
            sizing.busy();
            assertThat(option(HeapFreeRatios.MIN))
                    .isEqualTo(Math.max(min, HeapFreeRatios.BUSY_MIN));
            assertThat(option(HeapFreeRatios.MAX))
                    .isEqualTo(Math.max(max, HeapFreeRatios.BUSY_MAX));
        } finally {
            sizing.idle();
        }
        assertThat(option(HeapFreeRatios.MIN)).isEqualTo(min);
        assertThat(option(HeapFreeRatios.MAX)).isEqualTo(max);
    }

    @Test
    void narrowStartUpRatios_areWidened() {
        int min = option(HeapFreeRatios.MIN);
        int max = option(HeapFreeRatios.MAX);
        try {
            // as every Kato JVM starts
            vm.setVMOption(HeapFreeRatios.MIN, "10");
            vm.setVMOption(HeapFreeRatios.MAX, "30");
            HeapSizing sizing = HeapFreeRatios.ofThisVm();
            sizing.busy();
            assertThat(option(HeapFreeRatios.MIN)).isEqualTo(40);
            assertThat(option(HeapFreeRatios.MAX)).isEqualTo(70);
            sizing.idle();
            assertThat(option(HeapFreeRatios.MIN)).isEqualTo(10);
            assertThat(option(HeapFreeRatios.MAX)).isEqualTo(30);
        } finally {
            vm.setVMOption(HeapFreeRatios.MIN, Integer.toString(Math.min(min, 10)));
            vm.setVMOption(HeapFreeRatios.MAX, Integer.toString(max));
            vm.setVMOption(HeapFreeRatios.MIN, Integer.toString(min));
        }
    }
}
