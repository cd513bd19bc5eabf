import type { Page } from '../graphql/types';

/**
 * Every item of a paged list, following nextToken to the end (an export must be whole): `progress`
 * hears the count so far after each page. A failed page rejects: there is no partial answer.
 */
export async function allPages<T>(page: (token: string | null) => Promise<Page<T>>, progress: (count: number) => void = () => {}): Promise<T[]> {
  const all: T[] = [];
  let token: string | null = null;
  do {
    const next: Page<T> = await page(token);
    all.push(...next.items);
    progress(all.length);
    token = next.nextToken ?? null;
  } while (token);
  return all;
}
