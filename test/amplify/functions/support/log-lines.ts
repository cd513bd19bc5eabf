import { afterAll, afterEach, beforeAll, vi } from 'vitest';

/**
 * The JSON lines the Lambdas log during each test of a file, by service. Powertools writes through
 * its own Console on process.stdout/stderr, not the global console, so the streams are tapped
 * (what is written still reaches them).
 */
export function logLines(): (service: string) => Record<string, any>[] {
  let written: string[] = [];
  beforeAll(() => {
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write.bind(stream);
      vi.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: never[]) => {
        written.push(String(chunk));
        return write(chunk, ...rest);
      }) as typeof stream.write);
    }
  });
  afterAll(() => vi.restoreAllMocks());
  afterEach(() => {
    written = [];
  });
  return (service) =>
    written
      .flatMap((chunk) => chunk.split('\n'))
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, any>)
      .filter((l) => l.service === service);
}
