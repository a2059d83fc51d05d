/** Small timing helpers: warm-up, batches, medians, and a forced GC between samples when allowed. */

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** `node --expose-gc` makes samples independent of garbage left by the previous one. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export interface BatchTime {
  /** Wall-clock milliseconds per call. */
  readonly wall: number;
  /** CPU milliseconds (user + system, all of the process's threads) per call. */
  readonly cpu: number;
}

/**
 * Milliseconds per call of `work`, over a batch of `batch` calls. CPU time is reported beside
 * wall time because a shared machine's load stretches wall time but hardly the CPU time spent.
 */
export async function timeBatch(work: () => unknown, batch: number): Promise<BatchTime> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < batch; i++) {
    const result = work();
    if (result instanceof Promise) await result;
  }
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { wall: wall / batch, cpu: (used.user + used.system) / 1000 / batch };
}

export function formatMs(ms: number): string {
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  return `${(ms * 1000).toFixed(0)} µs`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}

export function ratio(value: number): string {
  return `${value.toFixed(2)}×`;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
