/**
 * AppSync reports a runtime error in resolver code as `code.js:<line>:<column>: <Error>: <message>`,
 * the position being in the uploaded bundle. The vm runs an esbuild CommonJS rewrite of that
 * bundle, so positions in its stack are mapped back through the rewrite's source map.
 */
import { SourceMap } from 'node:module';

export class CodeLocator {
  private readonly map: SourceMap;
  private readonly frame: RegExp;

  /** `lineOffset`: lines the vm script adds before the rewritten code (the factory wrapper). */
  constructor(
    scriptName: string,
    sourceMap: string,
    private readonly lineOffset: number,
  ) {
    this.map = new SourceMap(JSON.parse(sourceMap));
    this.frame = new RegExp(`${scriptName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+):(\\d+)`);
  }

  /** `code.js:L:C: ` for the innermost frame of resolver code in a vm stack trace, or ''. */
  prefix(stack: string): string {
    const at = this.position(stack);
    return at ? `code.js:${at.line}:${at.column}: ` : '';
  }

  /** The 1-based position in code.js of the innermost frame of resolver code, if any. */
  position(stack: string): { line: number; column: number } | undefined {
    const match = this.frame.exec(stack);
    if (!match) return undefined;
    const entry = this.map.findEntry(Number(match[1]) - 1 - this.lineOffset, Number(match[2]) - 1) as {
      originalLine?: number;
      originalColumn?: number;
    };
    if (entry.originalLine === undefined || entry.originalColumn === undefined) return undefined;
    return { line: entry.originalLine + 1, column: entry.originalColumn + 1 };
  }
}
