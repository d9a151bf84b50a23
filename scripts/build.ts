// `pnpm build`: compiles what production runs to JavaScript, so that it starts with plain `node`
// (no tsx, no development dependencies). One TypeScript program type-checks every runtime source
// once; each package's `src/` is written to its `dist/` (which its package.json exports by default,
// the sources only under the `@caregraph/source` condition), the entry scripts to `dist/scripts/`,
// and the files read at run time beside the code (`src/schema.graphql` to `dist/schema.graphql`).
// `dist/` and `src/` are siblings, so paths relative to the code (`../drizzle`, `../sdl`) hold in both.
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { buildDashboard } from '@caregraph/router/dashboard/build-on-start';

const ROOT = resolve(import.meta.dirname, '..');

/** The workspace packages production runs, in no particular order. */
const RUNTIME_PACKAGES = [
  'schema-standards',
  'platform',
  'router',
  'fhir',
  'subgraphs/patients',
  'subgraphs/devices',
  'subgraphs/observations',
  'subgraphs/audit',
] as const;

/** The commands of `scripts/` a deployment runs (the rest are development tools). */
const RUNTIME_SCRIPTS = ['caregraph', 'healthcheck', 'migrate', 'audit-verify', 'keys-rotate', 'seed', 'start-distributed'] as const;

/** Files other than TypeScript that the code reads from beside itself. */
const RUNTIME_ASSETS = ['.graphql'];

function filesUnder(dir: string, suffixes: readonly string[]): string[] {
  return (readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' }) as string[])
    .filter((file) => suffixes.some((suffix) => file.endsWith(suffix)) && !file.endsWith('.test.ts'))
    .map((file) => join(dir, file));
}

/** Where the compiled form of a source file goes: `<pkg>/src/x.ts` to `<pkg>/dist/x.js`, `scripts/x.ts` to `dist/scripts/x.js`. */
function builtPath(source: string): string {
  const rel = relative(ROOT, source).replace(/\.ts$/, '.js');
  const pkg = RUNTIME_PACKAGES.find((name) => rel.startsWith(`${name}${sep}src${sep}`));
  return pkg ? join(ROOT, pkg, 'dist', rel.slice(pkg.length + 'src/'.length + 1)) : join(ROOT, 'dist', rel);
}

function build(): number {
  for (const pkg of RUNTIME_PACKAGES) rmSync(join(ROOT, pkg, 'dist'), { recursive: true, force: true });
  rmSync(join(ROOT, 'dist'), { recursive: true, force: true });

  const base = ts.readConfigFile(join(ROOT, 'tsconfig.base.json'), (path) => ts.sys.readFile(path));
  if (base.error) throw new Error(ts.flattenDiagnosticMessageText(base.error.messageText, '\n'));
  // outDir is nominal: every output is written where builtPath says (see writeFile below).
  const { options, errors } = ts.parseJsonConfigFileContent(base.config, ts.sys, ROOT, {
    noEmit: false,
    allowImportingTsExtensions: true,
    rewriteRelativeImportExtensions: true,
    rootDir: ROOT,
    outDir: join(ROOT, 'dist'),
  });
  const roots = [...RUNTIME_PACKAGES.flatMap((pkg) => filesUnder(join(pkg, 'src'), ['.ts'])), ...RUNTIME_SCRIPTS.map((name) => join('scripts', `${name}.ts`))];
  const program = ts.createProgram({ rootNames: roots.map((file) => join(ROOT, file)), options });
  const diagnostics = [...errors, ...ts.getPreEmitDiagnostics(program)];
  if (diagnostics.length > 0) {
    const host = { getCanonicalFileName: (f: string) => f, getCurrentDirectory: () => ROOT, getNewLine: () => '\n' };
    console.error(ts.formatDiagnosticsWithColorAndContext(diagnostics, host));
    return 0;
  }
  let written = 0;
  const emitted = program.emit(undefined, (fileName, text) => {
    // fileName is under the nominal outDir: map it back to its source, then to its package's dist/.
    const source = join(ROOT, relative(join(ROOT, 'dist'), fileName)).replace(/\.js$/, '.ts');
    ts.sys.writeFile(builtPath(source), text);
    written += 1;
  });
  if (emitted.emitSkipped) throw new Error('TypeScript skipped the emit');
  for (const pkg of RUNTIME_PACKAGES) {
    for (const asset of filesUnder(join(pkg, 'src'), RUNTIME_ASSETS)) cpSync(join(ROOT, asset), builtPath(join(ROOT, asset)));
  }
  return written;
}

const started = performance.now();
const written = build();
if (written === 0) process.exit(1);
console.log(`Built ${written} files in ${((performance.now() - started) / 1000).toFixed(1)} s: ${RUNTIME_PACKAGES.map((pkg) => `${pkg}/dist`).join(', ')}, dist/scripts`);
// The care dashboard the router serves at /: production ships this build and never builds at run time.
const dashboardSeconds = await buildDashboard(join(ROOT, 'dashboard'), join(ROOT, 'dashboard/dist'));
console.log(`Built the care dashboard in ${dashboardSeconds.toFixed(1)} s: dashboard/dist`);
