package com.freshscale.server.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where a bench round's CPU went: CPU time of the JVM's threads grouped by name (digits dropped, so the
 * 1,000 "mqtt-fanout-N-handler" threads are one group), the garbage collectors' time, and what the process
 * spent beyond that (JIT compiler, GC worker threads, the kernel on our behalf). Threads that started and
 * ended inside the round count only in the process total.
 */
final class CpuBreakdown {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> cpuAtStart = new HashMap<>();
    private final long processAtStart;
    private final long gcMsAtStart;

    CpuBreakdown() {
        for (long id : threads.getAllThreadIds()) cpuAtStart.put(id, threads.getThreadCpuTime(id));
        processAtStart = BenchServer.processCpuNanos();
        gcMsAtStart = gcMillis();
    }

    private static long gcMillis() {
        long ms = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) ms += Math.max(0, gc.getCollectionTime());
        return ms;
    }

    /** What the round used since this breakdown began: the process's CPU, and the line that splits it. */
    record Report(double processSeconds, String line) {}

    /** Process CPU, GC time, and the thread groups that used at least 1 % of it. */
    Report since() {
        double process = (BenchServer.processCpuNanos() - processAtStart) / 1e9;
        Map<String, Double> groups = new TreeMap<>();
        double inThreads = 0;
        for (long id : threads.getAllThreadIds()) {
            java.lang.management.ThreadInfo info = threads.getThreadInfo(id);
            long now = threads.getThreadCpuTime(id);
            if (info == null || now < 0) continue;
            double s = (now - cpuAtStart.getOrDefault(id, 0L)) / 1e9;
            groups.merge(info.getThreadName().replaceAll("[0-9]+", "N"), s, Double::sum);
            inThreads += s;
        }
        double floor = process / 100;
        String top = groups.entrySet().stream().filter(e -> e.getValue() >= floor)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(e -> String.format(java.util.Locale.ROOT, "%s %.1f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
        return new Report(process, String.format(java.util.Locale.ROOT, "CPU %.1f s: Java threads %.1f s (%s); GC pauses %.1f s; "
                + "the rest (JIT, GC workers, threads that ended, kernel) %.1f s", process, inThreads, top,
                (gcMillis() - gcMsAtStart) / 1e3, process - inThreads));
    }
}
