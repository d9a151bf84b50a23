import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import type { DashboardConfig } from '@caregraph/platform';

/** What the build depends on: a change to any of these makes the next start build again. */
const INPUTS = ['src', 'public', 'index.html', 'explorer.html', 'vite.config.ts', 'package.json'];
const STAMP = '.source-hash';
const LOCK_STALE_MS = 5 * 60_000;

function filesOf(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true, encoding: 'utf8' })
    .map((name) => join(path, name))
    .filter((file) => statSync(file).isFile())
    .sort();
}

/** A hash of the dashboard's sources: what the build in `dist/` was made from. */
export function dashboardSourceHash(sourceDir: string): string {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap((input) => filesOf(join(sourceDir, input)))) {
    hash.update(relative(sourceDir, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

export function isBuildCurrent(config: DashboardConfig): boolean {
  if (!existsSync(join(config.dir, 'index.html'))) return false;
  if (!config.sourceDir) return true;
  const stamp = join(config.dir, STAMP);
  return existsSync(stamp) && readFileSync(stamp, 'utf8') === dashboardSourceHash(config.sourceDir);
}

/**
 * `pnpm start` serves the dashboard without a separate build step: on the first start (or after
 * its sources changed) it is built here with Vite, with Vite's progress on stderr. Processes that
 * start together build once: the others wait on the lock and find the build current. Production
 * never builds at run time (its image ships `dashboard/dist`, made by `pnpm build`).
 */
export async function buildDashboardIfNeeded(config: DashboardConfig, options: { production: boolean; log?: (line: string) => void }): Promise<void> {
  if (!config.enabled || !config.sourceDir || options.production) return;
  // A deployed tree (the image's /app) has the build and no sources to build from.
  if (!existsSync(join(config.sourceDir, 'vite.config.ts')) || isBuildCurrent(config)) return;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const lock = `${config.dir}.build-lock`;
  await acquire(lock);
  try {
    if (isBuildCurrent(config)) return;
    log('Building the care dashboard (first start, or its sources changed)…');
    // A platform already running may be serving this build: its page's assets must stay.
    const seconds = await buildDashboard(config.sourceDir, config.dir, { keepOldAssets: true });
    log(`Built the care dashboard in ${seconds.toFixed(1)} s (${relative(process.cwd(), config.dir)}).`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Old assets no build refers to any more are removed after this long (a page open that long reloads). */
const OLD_ASSET_GRACE_MS = 24 * 3_600_000;

/**
 * Builds the dashboard with Vite into `outDir` and stamps it with its sources' hash; returns the
 * seconds it took. `pnpm build` starts from an empty `outDir`. A build at start (`keepOldAssets`)
 * builds aside and then adds its files, the pages last, keeping the assets of the build before:
 * a platform that still serves the old page (another process started before) keeps working.
 */
export async function buildDashboard(sourceDir: string, outDir: string, options: { keepOldAssets?: boolean } = {}): Promise<number> {
  const started = performance.now();
  if (!options.keepOldAssets) {
    await runVite(sourceDir, outDir);
  } else {
    const next = `${outDir}.next-${process.pid}`;
    try {
      await runVite(sourceDir, next);
      mergeBuild(next, outDir);
    } finally {
      rmSync(next, { recursive: true, force: true });
    }
  }
  writeFileSync(join(outDir, STAMP), dashboardSourceHash(sourceDir));
  return (performance.now() - started) / 1000;
}

function mergeBuild(next: string, outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  const pages = readdirSync(next).filter((name) => name.endsWith('.html'));
  for (const name of readdirSync(next)) {
    if (!pages.includes(name)) cpSync(join(next, name), join(outDir, name), { recursive: true, force: true });
  }
  // Each page replaced in one step (a rename), so nobody reads half of one.
  for (const page of pages) {
    cpSync(join(next, page), join(outDir, `${page}.next`));
    renameSync(join(outDir, `${page}.next`), join(outDir, page));
  }
  const current = new Set(existsSync(join(next, 'assets')) ? readdirSync(join(next, 'assets')) : []);
  const assets = join(outDir, 'assets');
  for (const name of existsSync(assets) ? readdirSync(assets) : []) {
    if (!current.has(name) && Date.now() - statSync(join(assets, name)).mtimeMs > OLD_ASSET_GRACE_MS) rmSync(join(assets, name), { force: true });
  }
}

function runVite(sourceDir: string, outDir: string): Promise<void> {
  const require = createRequire(join(sourceDir, 'package.json'));
  const vite = join(require.resolve('vite/package.json'), '..', 'bin', 'vite.js');
  return new Promise((resolve, reject) => {
    // Warnings and errors only: the start prints its own progress lines around the build.
    const child = spawn(process.execPath, [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: sourceDir,
      // Vite's progress goes to our stderr, so `pnpm start` shows it and stdout stays the welcome.
      stdio: ['ignore', process.stderr, process.stderr],
      env: { ...process.env, NODE_ENV: 'production' },
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`building the dashboard failed (vite exited with ${code}); run pnpm --filter @caregraph/dashboard build to see why`))));
  });
}

async function acquire(lock: string): Promise<void> {
  for (;;) {
    try {
      mkdirSync(lock, { recursive: false });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        mkdirSync(join(lock, '..'), { recursive: true });
        continue;
      }
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A build that died leaves its lock: after LOCK_STALE_MS it no longer counts.
      if (Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
