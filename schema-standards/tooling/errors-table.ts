import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ERROR_CODES } from '../src/errors.ts';
import { generatedHeader, writeGenerated, type CheckResult, type Mode } from './check.ts';
import { REPOSITORY_ROOT } from './subgraph-sources.ts';

const COMMAND = 'pnpm errors:table';
const BEGIN = '<!-- error-codes:begin -->';
const END = '<!-- error-codes:end -->';

/** The page that holds the generated error table, between the markers. */
export const ERROR_TABLE_PAGE = 'docs/using-the-api.md';

/** The error table of the API docs, from the catalogue in src/errors.ts. */
export function errorTableMarkdown(codes: Record<string, string> = ERROR_CODES): string {
  const rows = Object.entries(codes).map(([code, description]) => `| \`${code}\` | ${description.replace(/\|/g, '\\|')} |`);
  return [generatedHeader(COMMAND, 'html'), '| code | meaning |', '| --- | --- |', ...rows].join('\n');
}

/** `page` with the text between the error-code markers replaced by the generated table. */
export function withErrorTable(page: string, table = errorTableMarkdown(), name = ERROR_TABLE_PAGE): string {
  const begin = page.indexOf(BEGIN);
  const end = page.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`${name} has no ${BEGIN} … ${END} block for the error table`);
  return `${page.slice(0, begin + BEGIN.length)}\n${table}\n${page.slice(end)}`;
}

/** Regenerates (or checks) the error table in {@link ERROR_TABLE_PAGE}. */
export function errorTableCheck(mode: Mode): CheckResult {
  const page = readFileSync(resolve(REPOSITORY_ROOT, ERROR_TABLE_PAGE), 'utf8');
  const { ok, line } = writeGenerated(ERROR_TABLE_PAGE, withErrorTable(page), mode, COMMAND);
  return { name: `the error table in ${ERROR_TABLE_PAGE} matches schema-standards/src/errors.ts`, ok, lines: [line] };
}
