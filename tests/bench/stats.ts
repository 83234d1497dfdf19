/** Percentiles and the one-line format every benchmark figure is printed in. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function summarize(samples: number[]): { p50: number; p95: number; n: number } {
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), n: samples.length };
}

const ms = (value: number) => `${value.toFixed(2).padStart(8)} ms`;

/** Prints a figure beside the baseline measured in the same run. */
export function report(label: string, ours: number[], baseline: number[], baselineLabel: string): void {
  const a = summarize(ours);
  const b = summarize(baseline);
  console.log(
    `${label.padEnd(44)} p50 ${ms(a.p50)}  p95 ${ms(a.p95)}   | ${baselineLabel}: p50 ${ms(b.p50)}  p95 ${ms(b.p95)}   (n=${a.n}/${b.n})`,
  );
}
