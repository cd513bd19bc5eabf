import defaultText from './default.md' with { type: 'text' };

/**
 * The waiver texts, in Markdown, bundled into the waiver Lambda by esbuild's text loader (the
 * `with { type: 'text' }` import). `default.md` applies to every event; an event gets its own text
 * from `amplify/waivers/<event-id>.md` when that file exists (add it and redeploy). Keeping the
 * texts in the repo means every version ever signed is in git history, next to its SHA-256 in the
 * signed record.
 *
 * Only esbuild understands these imports: the Lambda bundle (Amplify's NodejsFunction) and
 * local/edge, which bundles handler.ts the same way. Tests that need a text read the file.
 */
export const DEFAULT_WAIVER = defaultText;

const EVENT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

export async function waiverTextFor(eventId: string): Promise<string> {
  if (!EVENT_ID.test(eventId) || eventId === 'default') return defaultText;
  try {
    // esbuild turns this template into a table of every amplify/waivers/*.md at bundle time.
    const text = await import(`./${eventId}.md`, { with: { type: 'text' } });
    return text.default as string;
  } catch {
    return defaultText;
  }
}
