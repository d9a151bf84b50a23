import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

export interface StaticFile {
  body: Buffer;
  type: string;
  /** Vite names built assets by their content hash: they never change, so browsers may keep them. */
  immutable: boolean;
}

/** A file of the build by URL path, or null; nothing outside the build directory is ever read. */
export async function readStaticFile(dir: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const root = resolve(dir);
  const file = resolve(join(root, decoded));
  if (!file.startsWith(`${root}${sep}`)) return null;
  // Dot files (the build's source stamp) are not the site's.
  if (file.slice(root.length).split(sep).some((part) => part.startsWith('.'))) return null;
  const type = TYPES[extname(file)];
  if (!type) return null;
  try {
    if (!(await stat(file)).isFile()) return null;
    return { body: await readFile(file), type, immutable: decoded.startsWith('/assets/') };
  } catch {
    return null;
  }
}
