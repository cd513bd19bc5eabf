import type { Benchmark } from './lib/context';
export const throughput: Benchmark = async () => { throw new Error('not yet'); };
