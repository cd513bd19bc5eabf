import { sccEvent } from '../../events';

/**
 * Click handler for in-app links: a plain click becomes `scc-navigate` (the shell pushes history);
 * modified clicks (new tab, new window) keep the browser's behaviour.
 */
export function navigateOnClick(click: MouseEvent): void {
  if (
    click.defaultPrevented ||
    click.button !== 0 ||
    click.metaKey ||
    click.ctrlKey ||
    click.shiftKey ||
    click.altKey
  ) {
    return;
  }
  const anchor = click.currentTarget as HTMLAnchorElement;
  click.preventDefault();
  anchor.dispatchEvent(sccEvent('scc-navigate', { path: anchor.getAttribute('href') ?? '/' }));
}
