import type { Benchmark } from './lib/context';
export const waiverPage: Benchmark = async () => { throw new Error('not yet'); };
