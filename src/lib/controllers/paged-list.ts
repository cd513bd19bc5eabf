import { html, nothing, type ReactiveControllerHost } from 'lit';
import { Task, TaskStatus, initialState, shallowArrayEquals } from '@lit/task';
import { toApiError } from '../../graphql/errors';
import type { Page } from '../../graphql/types';
import { sccEvent } from '../../events';
import { RetryWhenOnline, loadFailed, savedNotice } from './failed-load';
import { loadOrSaved, savedWhileLoading } from '../offline/offline-store';
import { ResettableTask } from './resettable-task';

/**
 * The one way the dashboard reads a list the API hands out page by page (`nextToken`): `allPages`
 * when a screen needs the whole list before it shows anything (an export, totals, a check across
 * events), `PagedList` when it shows the first page and offers "Show more".
 */

/** One page of a list from `token` (null: the first page). */
export type PageReader<T> = (token: string | null) => Promise<Page<T>>;

/**
 * Every item of a paged list, following nextToken to the end (an export must be whole): `progress`
 * hears the count so far after each page. A failed page rejects: there is no partial answer.
 */
export async function allPages<T>(page: PageReader<T>, progress: (count: number) => void = () => {}): Promise<T[]> {
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

export interface PagedListConfig<S extends ReadonlyArray<unknown>, T> {
  /**
   * What is listed (the client, an event, a date range), read at each update. When it changes the
   * list starts again at the first page, and the old rows are gone at once: they belong to another list.
   */
  source: () => S;
  /**
   * The data revision. When it changes the first page loads again; the rows loaded so far stay
   * (the list says it is busy) until it arrives, so a refresh does not blank the screen.
   */
  revision: () => number;
  /** One page of the source from `token` (null: the first page); undefined when there is nothing to load yet. */
  page: (source: S, token: string | null) => Promise<Page<T>> | undefined;
  /**
   * Keeps the first page for reading offline (src/lib/offline/offline-store.ts): whose list it
   * is and its key, or undefined to keep none (nobody signed in, a list not kept). Put the owner in
   * `source`, so another user's rows are gone at once.
   */
  offline?: (source: S) => { owner: string; key: string } | undefined;
}

interface Loaded<S, T> {
  source: S;
  page: Page<T>;
  /** Which list the page belongs to: a page of an earlier one is dropped. */
  generation: number;
  /** Set when the page is a saved copy (`loadOrSaved`). */
  saved?: { at: string; offline: boolean };
}

/** The rows shown are a saved copy of the first page: when it was saved, and whether more pages were left out. */
interface SavedCopy {
  at: string;
  offline: boolean;
  more: boolean;
  /** Whose copy of which list (owner and key), so a copy is kept on screen only for the same list. */
  of: string;
}

/**
 * A list read page by page (`nextToken`): the first page, "Show more", and Retry for either when
 * it fails, retried by itself when the connection is back (`RetryWhenOnline`). A failed page keeps
 * the rows already shown, and Retry asks for that same page again, so no row shows twice or is
 * skipped. A page still loading when the list starts again (new source, new revision) is dropped.
 * A next page refused as a ValidationError means the server no longer accepts the token (the first
 * page of the same source was accepted): Retry could never succeed, so the host reports
 * `scc-data-stale`, and the shell's new revision starts the list again from the top.
 */
export class PagedList<const S extends ReadonlyArray<unknown>, T> {
  /** The first page: render its status, and pass it to `loadFailed` for Retry. */
  readonly first: Task<ReadonlyArray<unknown>, Loaded<S, T>>;
  private readonly next: ResettableTask<readonly [string], Loaded<S, T>>;

  private shown: T[] = [];
  /** The source the rows belong to; undefined while no first page of the current source has arrived. */
  private listed?: S;
  /** Where the next page starts; null when there is none (or no first page yet). */
  private token: string | null = null;
  private generation = 0;
  /** Set while the rows shown are a saved copy (offline, or until the first load answers). */
  private copy?: SavedCopy;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    config: PagedListConfig<S, T>,
  ) {
    this.first = new Task(host, {
      args: () => [...config.source(), config.revision()],
      task: async (args) => {
        const source = args.slice(0, -1) as unknown as S;
        const generation = ++this.generation;
        this.next.reset();
        this.token = null;
        const keep = config.offline?.(source);
        const of = keep && `${keep.owner}\n${keep.key}`;
        if (!this.listed || !shallowArrayEquals(this.listed, source)) {
          // The saved copy of this same list stays while the data client arrives; anything else goes.
          const sameCopy = this.copy !== undefined && this.copy.of === of;
          this.listed = sameCopy ? source : undefined;
          if (!sameCopy) {
            this.shown = [];
            this.copy = undefined;
          }
        }
        if (keep && !this.listed) void this.showSavedWhileLoading(keep, source, generation);
        const loading = config.page(source, null);
        if (!loading) return initialState;
        if (!keep) return { source, page: await loading, generation };
        const { value: page, saved } = await loadOrSaved(keep.owner, keep.key, () => loading);
        return { source, page, generation, saved };
      },
      onComplete: ({ source, page, saved }) => {
        this.shown = [...page.items];
        this.listed = source;
        const keep = config.offline?.(source);
        // A saved copy's next page is not followed: the list may have changed since (it says it is partial).
        this.copy = saved && keep && { ...saved, more: !!page.nextToken, of: `${keep.owner}\n${keep.key}` };
        this.token = saved ? null : (page.nextToken ?? null);
      },
    });
    this.next = new ResettableTask(
      host,
      () =>
        new Task(host, {
          autoRun: false,
          // Retry and "back online" call run() without arguments: the same page again.
          args: () => [this.token ?? ''] as const,
          task: async ([token]: readonly [string]) => {
            const generation = this.generation;
            const source = this.listed;
            const loading = source && config.page(source, token);
            if (!loading) throw new Error('The list is loading again.');
            return { source, page: await loading, generation };
          },
          onComplete: ({ page, generation }) => {
            if (generation !== this.generation) return;
            this.shown = [...this.shown, ...page.items];
            this.token = page.nextToken ?? null;
          },
          onError: (error) => {
            if (toApiError(error).kind === 'ValidationError') host.dispatchEvent(sccEvent('scc-data-stale', { error }));
          },
        }),
    );
    new RetryWhenOnline(host, () => [this.first, this.next.current]);
  }

  /** Shows the saved copy of the first page until the first load answers (a slow link, the data client loading). */
  private async showSavedWhileLoading(keep: { owner: string; key: string }, source: S, generation: number) {
    const saved = await savedWhileLoading<Page<T>>(keep.owner, keep.key);
    const loading = this.first.status === TaskStatus.INITIAL || this.first.status === TaskStatus.PENDING;
    if (!saved || !loading || generation !== this.generation || this.listed) return;
    this.shown = [...saved.value.items];
    this.listed = source;
    this.copy = { ...saved.saved!, more: !!saved.value.nextToken, of: `${keep.owner}\n${keep.key}` };
    this.host.requestUpdate();
  }

  /** Every row loaded, page after page, in the order the server sent them. */
  get rows(): readonly T[] {
    return this.shown;
  }

  /** Whether rows of the current source are there to show (also while they are being refreshed). */
  get loaded(): boolean {
    return this.listed !== undefined;
  }

  /** Set while the rows shown are a saved copy, not the server's answer of now. */
  get savedCopy(): Readonly<SavedCopy> | undefined {
    return this.first.status === TaskStatus.ERROR ? undefined : this.copy;
  }

  /** The notice over a saved copy (`savedNotice`: when it was saved, Retry when offline), or nothing. */
  renderSaved() {
    const copy = this.savedCopy;
    return copy ? savedNotice(copy, this.first) : nothing;
  }

  /** Whether the server has more pages after the rows loaded. */
  get hasMore(): boolean {
    return this.token !== null && this.first.status === TaskStatus.COMPLETE;
  }

  /** Loads the next page after the rows shown (once, however often it is asked while loading). */
  showMore() {
    if (this.hasMore && this.next.status !== TaskStatus.PENDING) void this.next.run([this.token!]);
  }

  /**
   * "Show more" and its states, the same in every list: the button (busy while the page loads) or,
   * after a failure, what failed with Retry in its place.
   */
  renderMore(label: string, what: string) {
    if (this.next.status === TaskStatus.ERROR) return loadFailed(what, this.next.error, this.next.current);
    const copy = this.savedCopy;
    if (copy?.more)
      return html`<p class="error">The saved copy has the first page only${copy.offline ? `: ${what} need a connection` : ''}.</p>`;
    if (!this.hasMore) return nothing;
    const pending = this.next.status === TaskStatus.PENDING;
    return html`<div><button type="button" class="more" ?disabled=${pending} aria-busy=${pending ? 'true' : 'false'}
      @click=${() => this.showMore()}>${pending ? 'Loading…' : label}</button></div>`;
  }
}
