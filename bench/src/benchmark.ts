export interface BenchmarkOptions {
  /** Rows generated before measuring. */
  scale: number;
  /** Measuring time per operation and concurrency. */
  seconds: number;
}

export interface BenchmarkResult {
  name: string;
  summary: string;
  [key: string]: unknown;
}

export interface Benchmark {
  defaultScale: number;
  run(options: BenchmarkOptions): Promise<BenchmarkResult>;
}
