import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Copy } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';
import { readImageRecipe, type ImageRecipe } from '../support/image-recipe.ts';

const ROOT = resolve(import.meta.dirname, '../..');
/** The Node.js major production runs (an LTS: Node 20 reached end of life on 2026-04-30). */
const PRODUCTION_NODE_MAJOR = 22;
const SERVICES = ['router', 'patients', 'devices', 'observations', 'audit', 'migrate', 'audit-verify'];

/**
 * What the image must be, as a list of what is wrong with a recipe (empty: nothing). A function,
 * so the test can show that each rule fails on a recipe that breaks it.
 */
function imageProblems(recipe: ImageRecipe): string[] {
  const problems: string[] = [];
  for (const diagnostic of validate(recipe.text)) problems.push(`lint (line ${diagnostic.range.start.line + 1}): ${diagnostic.message}`);
  if (recipe.stages.length < 2) problems.push('not multi-stage');
  for (const stage of recipe.stages) {
    const match = /^node:(\d+)\.\d+\.\d+-[a-z]+-slim$/.exec(stage.image);
    if (!match) problems.push(`stage ${stage.name}: base ${stage.image} is not an exact node:<version>-<debian>-slim`);
    else if (Number(match[1]) !== PRODUCTION_NODE_MAJOR) problems.push(`stage ${stage.name}: Node ${match[1]}, not ${PRODUCTION_NODE_MAJOR}`);
  }
  const runtime = recipe.stages.at(-1)!;
  const keywords = runtime.instructions.map((i) => i.getKeyword());
  const copies = runtime.instructions.filter((i) => i.getKeyword() === 'COPY').map((i) => i.getArgumentsContent() ?? '');
  const fromBuild = runtime.instructions.filter((i) => i.getKeyword() === 'COPY' && (i as Copy).getFromFlag()?.getValue() === 'build');
  if (copies.length !== 1 || fromBuild.length !== 1) problems.push('the runtime stage must copy exactly one thing: the deployed tree from the build stage');
  else if (!(fromBuild[0]!.getArgumentsContent() ?? '').startsWith(`${recipe.deployDir} `)) problems.push(`the runtime stage copies something else than ${recipe.deployDir}`);
  const runs = runtime.instructions.filter((i) => i.getKeyword() === 'RUN').map((i) => i.getArgumentsContent() ?? '');
  if (runs.some((run) => /\b(npm|pnpm|yarn|npx|tsx|tsc)\b\s+(install|add|i|build|exec|run)\b|\btsx\b/.test(run))) problems.push('the runtime stage installs or builds');
  const user = recipe.runtime.user;
  if (!user) problems.push('no USER: the runtime runs as root');
  else if (!/^[1-9]\d*:[1-9]\d*$/.test(user)) problems.push(`USER ${user}: not a numeric non-root uid:gid (Kubernetes runAsNonRoot cannot check a name)`);
  if (keywords.lastIndexOf('USER') < keywords.lastIndexOf('RUN')) problems.push('RUN after USER');
  if (recipe.runtime.env.NODE_ENV !== 'production') problems.push('the runtime does not set NODE_ENV=production');
  const [node, script, ...more] = recipe.runtime.entrypoint;
  if (node !== 'node' || script !== 'dist/scripts/caregraph.js' || more.length > 0) problems.push(`ENTRYPOINT ${JSON.stringify(recipe.runtime.entrypoint)}: not ["node", "dist/scripts/caregraph.js"]`);
  if (recipe.runtime.cmd.length !== 1 || !SERVICES.includes(recipe.runtime.cmd[0]!)) problems.push(`CMD ${JSON.stringify(recipe.runtime.cmd)}: not one service`);
  const health = recipe.runtime.healthcheck;
  if (!health) problems.push('no HEALTHCHECK');
  else {
    if (JSON.stringify(health.command) !== JSON.stringify(['node', 'dist/scripts/healthcheck.js'])) problems.push(`HEALTHCHECK runs ${health.command.join(' ')}`);
    for (const flag of ['interval', 'timeout', 'start-period', 'retries']) if (!health.flags[flag]) problems.push(`HEALTHCHECK without --${flag}`);
  }
  if (!recipe.buildCommands.includes('pnpm build')) problems.push('the build stage does not run pnpm build');
  if (!/^pnpm deploy .*--prod\b/.test(recipe.buildCommands.at(-1) ?? '')) problems.push('the build stage does not end with pnpm deploy --prod');
  // The build test runs every pnpm command of the build stage; anything else would go untested.
  for (const command of recipe.buildCommands) {
    if (!command.startsWith('pnpm ') && !/^npm install --global pnpm@\d+\.\d+\.\d+$/.test(command)) problems.push(`build stage command the build test does not run: ${command}`);
  }
  return problems;
}

describe('deploy/Dockerfile', () => {
  const recipe = readImageRecipe();

  it('lints clean and has every property the deployment relies on', () => {
    expect(imageProblems(recipe)).toEqual([]);
  });

  it('builds with the commands the build test runs, and starts what the build writes', () => {
    expect(recipe.buildCommands.filter((command) => command.startsWith('pnpm '))).toEqual([
      'pnpm fetch',
      'pnpm install --offline --frozen-lockfile',
      'pnpm build',
      'pnpm deploy --offline --filter caregraph --prod /app',
    ]);
    // `pnpm build` is the script that writes dist/scripts/caregraph.js and healthcheck.js from these.
    const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string>; files: string[] };
    expect(pkg.scripts.build).toBe('tsx scripts/build.ts');
    expect(pkg.files).toContain('dist');
    const build = readFileSync(resolve(ROOT, 'scripts/build.ts'), 'utf8');
    for (const entry of ['caregraph', 'healthcheck', 'migrate', 'audit-verify']) expect(build).toMatch(new RegExp(`RUNTIME_SCRIPTS = \\[[^\\]]*'${entry}'`));
    expect(recipe.runtime.workdir).toBe(recipe.deployDir);
  });

  it("uses this machine's pnpm major and the Node version .ci/run tests on", () => {
    const pnpm = execFileSync('pnpm', ['--version'], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } }).trim();
    const pinned = /pnpm@(\d+)\./.exec(recipe.buildCommands[0] ?? '')?.[1];
    expect(pinned).toBe(pnpm.split('.')[0]);
    expect(recipe.args.NODE_VERSION).toMatch(new RegExp(`^${PRODUCTION_NODE_MAJOR}\\.\\d+\\.\\d+$`));
    // .ci/run installs exactly this version (from the npm registry's node package) for its Node 22 pass.
    expect(readFileSync(resolve(ROOT, '.ci/run'), 'utf8')).toMatch(/NODE_VERSION=.*deploy\/Dockerfile/);
  });

  it('catches a recipe that breaks a rule (each rule can fail)', () => {
    const broken = (edit: (text: string) => string) => imageProblems(readImageRecipe(edit(recipe.text)));
    expect(broken((t) => t.replace('USER 1000:1000\n', ''))).toContain('no USER: the runtime runs as root');
    expect(broken((t) => t.replace('USER 1000:1000', 'USER node'))).toEqual([expect.stringMatching(/^USER node: not a numeric/)]);
    expect(broken((t) => t.replace('USER 1000:1000', 'USER 0:0'))).toEqual([expect.stringMatching(/^USER 0:0/)]);
    expect(broken((t) => t.replace(/^HEALTHCHECK .*$/m, ''))).toEqual(['no HEALTHCHECK']);
    expect(broken((t) => t.replace('--interval=15s ', '--intervl=15s '))).toEqual(expect.arrayContaining([expect.stringMatching(/^lint .*intervl/)]));
    expect(broken((t) => t.replace('ARG NODE_VERSION=22.23.3', 'ARG NODE_VERSION=20.20.2'))).toEqual([
      'stage build: Node 20, not 22',
      'stage runtime: Node 20, not 22',
    ]);
    expect(broken((t) => t.replace('ENTRYPOINT ["node", "dist/scripts/caregraph.js"]', 'ENTRYPOINT ["npx", "tsx", "scripts/caregraph.ts"]'))).toHaveLength(1);
    expect(broken((t) => t.replace('RUN pnpm build\n', ''))).toEqual(['the build stage does not run pnpm build']);
    expect(broken((t) => t.replace('COPY --from=build /app /app', 'COPY . /app'))).toHaveLength(1);
    expect(broken((t) => t.replace('RUN pnpm fetch', 'RUN curl -fsSL https://example.org/setup | sh'))).toEqual([
      'build stage command the build test does not run: curl -fsSL https://example.org/setup | sh',
    ]);
    const single = recipe.text.slice(recipe.text.indexOf('FROM node:${NODE_VERSION}-trixie-slim AS runtime'));
    expect(imageProblems(readImageRecipe(`ARG NODE_VERSION=22.23.3\n${single.replace(' AS runtime', ' AS build')}`))).toContain('not multi-stage');
  });
});
