import type { Benchmark } from './lib/context';
export const spa: Benchmark = async () => { throw new Error('not yet'); };
