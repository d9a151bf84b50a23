import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ERROR_CODES } from '../src/errors.ts';
import { generatedHeader, writeGenerated, type CheckResult, type Mode } from './check.ts';
import { REPOSITORY_ROOT } from './subgraph-sources.ts';

const COMMAND = 'pnpm errors:table';
const BEGIN = '<!-- error-codes:begin -->';
const END = '<!-- error-codes:end -->';

/** The README's error table, from the catalogue in src/errors.ts. */
export function errorTableMarkdown(codes: Record<string, string> = ERROR_CODES): string {
  const rows = Object.entries(codes).map(([code, description]) => `| \`${code}\` | ${description.replace(/\|/g, '\\|')} |`);
  return [generatedHeader(COMMAND, 'html'), '| code | meaning |', '| --- | --- |', ...rows].join('\n');
}

/** `readme` with the text between the error-code markers replaced by the generated table. */
export function withErrorTable(readme: string, table = errorTableMarkdown()): string {
  const begin = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`README.md has no ${BEGIN} … ${END} block for the error table`);
  return `${readme.slice(0, begin + BEGIN.length)}\n${table}\n${readme.slice(end)}`;
}

/** Regenerates (or checks) the error table in README.md. */
export function errorTableCheck(mode: Mode): CheckResult {
  const readme = readFileSync(resolve(REPOSITORY_ROOT, 'README.md'), 'utf8');
  const { ok, line } = writeGenerated('README.md', withErrorTable(readme), mode, COMMAND);
  return { name: 'README error table matches schema-standards/src/errors.ts', ok, lines: [line.replace('README.md is', 'the README error table is')] };
}
