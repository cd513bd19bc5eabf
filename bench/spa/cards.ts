/**
 * The page bench/spa.ts builds with Vite (production) and drives in Chromium: renders N
 * `<scc-event-card>`s from fixture data and answers how long it took until they were laid out.
 */
import { ContextProvider } from '@lit/context';
import '../../src/components/scc-event-card';
import { userContext } from '../../src/graphql/context';
import type { SccEventCard } from '../../src/components/scc-event-card';
import type { Event } from '../../src/graphql/types';

export interface RenderTiming {
  /** Data set on the elements → every card rendered and the layout computed. */
  laidOutMs: number;
  /** Data set → the next animation frame after that (the cards can be painted). */
  frameMs: number;
  cards: number;
  /** Cards showing the crew's "Log payment" button (those with a balance due, when the user arrived). */
  withButton: number;
  height: number;
}

declare global {
  interface Window {
    sccRenderCards(events: Event[]): Promise<RenderTiming>;
  }
}

// The signed-in crew member, provided as the shell provides it: the cards then carry their "Log payment" button.
new ContextProvider(document.body, {
  context: userContext,
  initialValue: { email: 'crew@example.com', groups: ['CREW'] },
});

window.sccRenderCards = async (events) => {
  const host = document.getElementById('host')!;
  host.replaceChildren();
  await new Promise((resolve) => requestAnimationFrame(resolve));
  const t0 = performance.now();
  const cards = events.map((event) => {
    const card = document.createElement('scc-event-card') as SccEventCard;
    card.event = event;
    return card;
  });
  host.append(...cards);
  await Promise.all(cards.map((c) => c.updateComplete));
  // Reading a layout property forces style and layout for everything just rendered.
  const height = host.getBoundingClientRect().height;
  const laidOutMs = performance.now() - t0;
  await new Promise((resolve) => requestAnimationFrame(resolve));
  const frameMs = performance.now() - t0;
  const withButton = cards.filter((c) => c.shadowRoot?.querySelector('button')).length;
  return { laidOutMs, frameMs, cards: host.querySelectorAll('scc-event-card').length, withButton, height };
};
document.body.dataset.ready = 'true';
