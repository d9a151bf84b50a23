// Every relative link in the repository's Markdown resolves: the file (or folder) exists and, for a
// `#anchor` into a Markdown file, a heading (or an explicit `<a id>`) of that name is there.
// The README is the front door and the topic pages in docs/ link to each other and to the code;
// moving a section or a file must not leave a dangling link behind.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Markdown files of the repository, outside node_modules and dot-folders (.git, .data). */
function markdownFiles(directory = ROOT): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) files.push(...markdownFiles(path));
    else if (entry.isFile() && entry.name.endsWith('.md')) files.push(path);
  }
  return files;
}

/** The text outside fenced code blocks, line by line (a fenced line becomes empty, so numbers hold). */
function proseLines(markdown: string): string[] {
  let fence: string | null = null;
  return markdown.split('\n').map((line) => {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = null;
      return '';
    }
    if (marker) {
      fence = marker;
      return '';
    }
    return line.replace(/(`+)[\s\S]*?\1/g, (span) => ' '.repeat(span.length)); // inline code is not a link
  });
}

/** GitHub's anchor for a heading: formatting dropped, lower case, punctuation removed, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/[`*~]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Every anchor a Markdown file defines: its headings (duplicates numbered as GitHub does) and `<a id|name>`. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fence: string | null = null;
  for (const line of markdown.split('\n')) {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = null;
      continue;
    }
    if (marker) {
      fence = marker;
      continue;
    }
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading !== undefined) {
      const base = slug(heading);
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      anchors.add(count === 0 ? base : `${base}-${count}`);
    }
    for (const match of line.matchAll(/<a\s+(?:[^>]*\s)?(?:id|name)="([^"]+)"/g)) anchors.add(match[1]!);
  }
  return anchors;
}

interface Link {
  line: number;
  target: string;
}

/** Links of a Markdown file: inline `[text](target)`, images, reference definitions and `<a href>`. */
function linksOf(markdown: string): Link[] {
  const links: Link[] = [];
  proseLines(markdown).forEach((text, index) => {
    const line = index + 1;
    for (const match of text.matchAll(/!?\[(?:[^\]\\]|\\.)*\]\(\s*(<[^>]*>|[^)\s]+)(?:\s+"[^"]*")?\s*\)/g)) {
      links.push({ line, target: match[1]!.replace(/^<|>$/g, '') });
    }
    const definition = /^\s{0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)/.exec(text);
    if (definition) links.push({ line, target: definition[1]!.replace(/^<|>$/g, '') });
    for (const match of text.matchAll(/<a\s+(?:[^>]*\s)?href="([^"]+)"/g)) links.push({ line, target: match[1]! });
  });
  return links;
}

const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');

/** What is wrong with each relative link of `file` (a path under `root`), as `file:line: target (why)`. */
function brokenLinks(file: string, root = ROOT): string[] {
  const read = (path: string) => readFileSync(path, 'utf8');
  const problems: string[] = [];
  const shown = relative(root, file);
  for (const { line, target } of linksOf(read(file))) {
    if (isExternal(target)) continue;
    const hash = target.indexOf('#');
    const pathPart = decodeURIComponent(hash < 0 ? target : target.slice(0, hash)).split('?')[0]!;
    const anchor = hash < 0 ? null : decodeURIComponent(target.slice(hash + 1));
    const destination = pathPart === '' ? file : pathPart.startsWith('/') ? join(root, pathPart) : resolve(dirname(file), pathPart);
    if (relative(root, destination).startsWith('..')) {
      problems.push(`${shown}:${line}: ${target} (outside the repository)`);
      continue;
    }
    if (!existsSync(destination)) {
      problems.push(`${shown}:${line}: ${target} (no such file)`);
      continue;
    }
    if (anchor && statSync(destination).isFile() && extname(destination) === '.md' && !anchorsOf(read(destination)).has(anchor)) {
      problems.push(`${shown}:${line}: ${target} (no heading #${anchor} in ${relative(root, destination)})`);
    }
  }
  return problems;
}

describe('Markdown links', () => {
  it('makes anchors the way GitHub does', () => {
    expect(slug('Timeouts, retries and circuit breakers')).toBe('timeouts-retries-and-circuit-breakers');
    expect(slug('Nullability (`nullable-foreign-fields`)')).toBe('nullability-nullable-foreign-fields');
    expect(slug('PHI at rest and key management')).toBe('phi-at-rest-and-key-management');
    expect([...anchorsOf('# A\n## Notes\n```\n# not a heading\n```\n## Notes\n<a id="here"></a>')]).toEqual(['a', 'notes', 'notes-1', 'here']);
  });

  it('finds links outside code only', () => {
    const links = linksOf('[a](x.md) `[b](y.md)`\n```\n[c](z.md)\n```\n![d](img.png "title") [e]: <ref.md>\n[f]: def.md\n<a href="g.md#h">g</a>');
    expect(links).toEqual([
      { line: 1, target: 'x.md' },
      { line: 5, target: 'img.png' },
      { line: 6, target: 'def.md' },
      { line: 7, target: 'g.md#h' },
    ]);
  });

  it('reports a missing file, a missing anchor and a link out of the repository, and passes good ones', () => {
    const root = mkdtempSync(join(tmpdir(), 'caregraph-links-'));
    try {
      mkdirSync(join(root, 'docs'));
      writeFileSync(join(root, 'README.md'), '# caregraph\n');
      writeFileSync(join(root, 'docs/other.md'), '## Good part\n');
      writeFileSync(
        join(root, 'docs/page.md'),
        '# Page\n## Good part\n[up](../README.md#caregraph) [self](#good-part) [other](other.md#good-part) [folder](../docs) [web](https://example.org/x.md)\n' +
          '[gone](gone.md) [bad anchor](#bad-part) [bad other](other.md#nothing) [out](../../elsewhere.md)\n',
      );
      expect(brokenLinks(join(root, 'docs/page.md'), root)).toEqual([
        'docs/page.md:4: gone.md (no such file)',
        'docs/page.md:4: #bad-part (no heading #bad-part in docs/page.md)',
        'docs/page.md:4: other.md#nothing (no heading #nothing in docs/other.md)',
        'docs/page.md:4: ../../elsewhere.md (outside the repository)',
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('every relative link and anchor in the repository resolves', () => {
    const files = markdownFiles();
    expect(files.map((file) => relative(ROOT, file))).toContain('README.md');
    expect(files.flatMap((file) => brokenLinks(file))).toEqual([]);
  });
});
