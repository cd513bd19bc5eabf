// Markdown files imported with `with { type: 'text' }` (esbuild's text loader) are strings.
declare module '*.md' {
  const text: string;
  export default text;
}
