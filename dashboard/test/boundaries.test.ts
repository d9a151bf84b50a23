import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const DASHBOARD = resolve(import.meta.dirname, '..');
const SOURCES = join(DASHBOARD, 'src');
const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|import\s*['"]([^'"]+)['"]/g;

function sourceFiles(): string[] {
  return (readdirSync(SOURCES, { recursive: true, encoding: 'utf8' }) as string[]).filter((file) => /\.(ts|tsx)$/.test(file)).map((file) => join(SOURCES, file));
}

describe("the dashboard's boundary", () => {
  it('imports nothing from the server side: it reaches the platform only through /graphql (and the sign-in provider)', () => {
    const crossings: string[] = [];
    for (const file of sourceFiles()) {
      for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
        const specifier = match[1] ?? match[2] ?? match[3]!;
        const leavesDashboard = specifier.startsWith('.') && !resolve(file, '..', specifier).startsWith(`${DASHBOARD}${sep}`);
        if (specifier.startsWith('@caregraph/') || leavesDashboard) crossings.push(`${relative(DASHBOARD, file)}: ${specifier}`);
      }
    }
    expect(sourceFiles().length).toBeGreaterThan(20);
    expect(crossings).toEqual([]);
  });
});
