package io.touchpoint.jobs.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Peak memory of this JVM since {@link #reset()}: the heap pools' peak usage summed (each pool's own peak,
 * so an upper bound of the heap's peak, mostly set by how large the collector lets eden grow), the largest
 * heap left after a collection (what the run really holds), the heap's limit, GC count and time, and the process's peak
 * resident set ({@code VmHWM}, Linux only; reset too where the kernel allows it). The embedded MariaDB
 * server is another process and is not counted; S3Proxy runs inside this JVM and is.
 */
final class PeakMemory {

	private long gcCount;

	private long gcMillis;

	/** The largest heap left after a collection: what the run holds, unlike the pools' peaks (mostly eden). */
	private final AtomicLong peakAfterGc = new AtomicLong();

	private final NotificationListener afterGc = (notification, handback) -> {
		if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
			long used = 0;
			for (MemoryUsage pool : GarbageCollectionNotificationInfo
				.from((CompositeData) notification.getUserData()).getGcInfo().getMemoryUsageAfterGc().values()) {
				used += pool.getUsed();
			}
			peakAfterGc.accumulateAndGet(used, Math::max);
		}
	};

	record Peak(long heapBytes, long heapAfterGcBytes, long heapMaxBytes, long rssBytes, long gcCount, long gcMillis) {
	}

	void reset() {
		System.gc();
		for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
			if (gc instanceof NotificationEmitter emitter) {
				try {
					emitter.removeNotificationListener(afterGc);
				}
				catch (ListenerNotFoundException ex) {
					// first reset
				}
				emitter.addNotificationListener(afterGc, null, null);
			}
		}
		peakAfterGc.set(0);
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
				pool.resetPeakUsage();
			}
		}
		try {
			Files.writeString(Path.of("/proc/self/clear_refs"), "5");
		}
		catch (IOException | RuntimeException ex) {
			// VmHWM then covers the whole process's life, which the output says
		}
		gcCount = gcTotal(true);
		gcMillis = gcTotal(false);
	}

	Peak read() {
		long heap = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP && pool.isValid() && pool.getPeakUsage() != null) {
				heap += pool.getPeakUsage().getUsed();
			}
		}
		for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
			if (gc instanceof NotificationEmitter emitter) {
				try {
					emitter.removeNotificationListener(afterGc);
				}
				catch (ListenerNotFoundException ex) {
					// never added
				}
			}
		}
		return new Peak(heap, peakAfterGc.get(), Runtime.getRuntime().maxMemory(), vmHwm(), gcTotal(true) - gcCount,
				gcTotal(false) - gcMillis);
	}

	private static long gcTotal(boolean count) {
		long total = 0;
		for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
			total += Math.max(0, count ? gc.getCollectionCount() : gc.getCollectionTime());
		}
		return total;
	}

	/** VmHWM from /proc/self/status in bytes, or -1 where there is none. */
	static long vmHwm() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("VmHWM:")) {
					return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
		return -1;
	}
}
