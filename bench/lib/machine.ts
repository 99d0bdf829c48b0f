import os from 'node:os';
import { readFileSync } from 'node:fs';

/** What the numbers were measured on; benchmark results carry it. */
export function machineInfo() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
}

/** Samples RSS and heap every `ms`; `peak()` also folds in the kernel's max RSS for the process. */
export function memorySampler(ms = 100) {
  let rss = 0;
  let heap = 0;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  }, ms);
  timer.unref();
  return {
    reset() {
      rss = 0;
      heap = 0;
    },
    peak() {
      const m = process.memoryUsage();
      return {
        rssMiB: Math.round(Math.max(rss, m.rss) / 2 ** 20),
        heapMiB: Math.round(Math.max(heap, m.heapUsed) / 2 ** 20),
      };
    },
    stop() {
      clearInterval(timer);
    },
  };
}

const CLOCK_TICKS = 100;

/** CPU time (user + system) a process has used so far, in ms; null where /proc is not available. */
export function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
