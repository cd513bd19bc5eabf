/**
 * amplify_outputs.json is written by `ampx` (AWS) or `npm start` (local) and is not committed; this
 * lets the project type-check on a fresh checkout. When the file exists, its real shape wins.
 */
declare module '*amplify_outputs.json' {
  const outputs: Record<string, unknown>;
  export default outputs;
}
