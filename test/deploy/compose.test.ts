import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { documentedVariables, startupVerdict } from '../support/deployment-env.ts';
import { DOCKERFILE, readImageRecipe } from '../support/image-recipe.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const DEPLOY = resolve(ROOT, 'deploy');
const COMPOSE = resolve(DEPLOY, 'compose.yaml');
const SUBGRAPHS = ['patients', 'devices', 'observations', 'audit'];
const CAREGRAPH = ['router', ...SUBGRAPHS, 'migrate'];

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  user?: string;
  read_only?: boolean;
  cap_drop?: string[];
  cap_add?: string[];
  privileged?: boolean;
  security_opt?: string[];
  tmpfs?: string[];
  volumes?: string[];
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { disable?: boolean; test?: string[] };
}
interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

/** Compose's own interpolation of `${VAR}`, `${VAR:-default}` and `${VAR:?error}`, from `values`. */
function interpolate(text: string, values: Record<string, string>): string {
  return text.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_whole, name: string, kind?: string, rest?: string) => {
    const value = values[name];
    if (value) return value;
    if (kind === '-') return rest ?? '';
    throw new Error(`\${${name}} is required: ${rest ?? '(no message)'}`);
  });
}

/** deploy/.env as an operator fills it: compose.env.example's names, with stand-in secrets. */
function operatorEnv(): Record<string, string> {
  const example = readFileSync(resolve(DEPLOY, 'compose.env.example'), 'utf8');
  const values: Record<string, string> = {};
  for (const line of example.split('\n').filter((l) => /^[A-Z_]+=/.test(l))) {
    const [name, value] = line.split(/=(.*)/s) as [string, string];
    values[name] = value || randomBytes(32).toString('hex');
  }
  return values;
}

/** The Compose Specification's schema (draft-07, ajv's default; its `$schema` spells the URI another way). */
function composeSchema() {
  const { $schema: _draft, ...schema } = JSON.parse(readFileSync(resolve(import.meta.dirname, '../support/compose-spec/compose-spec.json'), 'utf8')) as Record<string, unknown>;
  return new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(schema);
}

const readCompose = (text: string, values = operatorEnv()) => parse(interpolate(text, values), { merge: true }) as ComposeFile;

/** What is wrong with a compose file, as a list (empty: nothing). */
function composeProblems(compose: ComposeFile): string[] {
  const problems: string[] = [];
  const services = compose.services;
  for (const name of [...CAREGRAPH, ...SUBGRAPHS.map((s) => `postgres-${s}`), 'redis', 'nats', 'otel-collector']) {
    if (!services[name]) problems.push(`no service ${name}`);
  }
  const images = new Set(CAREGRAPH.map((name) => services[name]?.image));
  if (images.size !== 1) problems.push('the caregraph services do not share one image');
  for (const name of CAREGRAPH) {
    const service = services[name];
    if (!service) continue;
    if (service.build?.dockerfile !== 'deploy/Dockerfile' || resolve(DEPLOY, service.build.context) !== ROOT) problems.push(`${name}: not built from deploy/Dockerfile at the repository root`);
    if (JSON.stringify(service.command) !== JSON.stringify([name])) problems.push(`${name}: command ${JSON.stringify(service.command)}, not [${name}]`);
    if (service.read_only !== true) problems.push(`${name}: root filesystem writable`);
    if (service.user !== '1000:1000') problems.push(`${name}: not the image's non-root user`);
    if (JSON.stringify(service.cap_drop) !== '["ALL"]' || service.cap_add?.length) problems.push(`${name}: capabilities kept`);
    if (service.privileged) problems.push(`${name}: privileged`);
    if (!service.security_opt?.includes('no-new-privileges:true')) problems.push(`${name}: privileges may be gained`);
    if (!service.tmpfs?.some((entry) => entry.startsWith('/tmp'))) problems.push(`${name}: no /tmp`);
    const env = service.environment ?? {};
    for (const [variable, value] of Object.entries(env).filter(([variable]) => variable.endsWith('_DATABASE_URL'))) {
      const domain = variable.replace('_DATABASE_URL', '').toLowerCase();
      if (name !== 'migrate' && domain !== name) problems.push(`${name}: given ${variable}`);
      if (new URL(value).hostname !== `postgres-${domain}`) problems.push(`${name}: ${variable} is not postgres-${domain}'s`);
    }
    if (SUBGRAPHS.includes(name)) {
      if (!env[`${name.toUpperCase()}_DATABASE_URL`]) problems.push(`${name}: no database of its own`);
      if (services[name]!.depends_on?.migrate?.condition !== 'service_completed_successfully') problems.push(`${name}: starts before the migrations ran`);
      const keys = env.KEYS_FILE;
      const mounts = (service.volumes ?? []).map((volume) => volume.split(':'));
      if (!keys || !mounts.some(([, target, mode]) => target === keys && mode === 'ro')) problems.push(`${name}: KEYS_FILE is not mounted read-only`);
      const dir = keys?.slice(0, keys.lastIndexOf('/'));
      if (!mounts.some(([source, target, mode]) => target === dir && mode !== 'ro' && compose.volumes?.[source!] !== undefined)) problems.push(`${name}: no writable volume beside KEYS_FILE (audit checkpoints)`);
    }
    if (name === 'router') {
      for (const subgraph of SUBGRAPHS) if (service.depends_on?.[subgraph]?.condition !== 'service_healthy') problems.push(`router: does not wait for ${subgraph}`);
      if (!env.REDIS_URL || new URL(env.REDIS_URL).hostname !== 'redis') problems.push('router: rate limits not shared in the redis service');
    }
    if (name !== 'migrate' && env.OTEL_EXPORTER_OTLP_ENDPOINT !== 'http://otel-collector:4318') problems.push(`${name}: telemetry not sent to the collector`);
  }
  return problems;
}

describe('deploy/compose.yaml', () => {
  const text = readFileSync(COMPOSE, 'utf8');
  const compose = readCompose(text);

  it('is a valid Compose file (the Compose Specification schema)', () => {
    const validate = composeSchema();
    const valid = validate(compose);
    expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('runs the router, the four subgraphs, a database per domain, Redis, NATS and the collector, locked down', () => {
    expect(composeProblems(compose)).toEqual([]);
    expect(existsSync(resolve(DEPLOY, compose.services.router!.build!.context, 'deploy/Dockerfile'))).toBe(true);
    expect(readImageRecipe().stages).toHaveLength(2);
    expect(DOCKERFILE).toBe(resolve(ROOT, 'deploy/Dockerfile'));
  });

  it('refuses to start without each secret (no silent empty value)', () => {
    const required = [...text.matchAll(/\$\{(\w+)(:[-?])?/g)].filter((m) => m[2] !== ':-').map((m) => m[1]!);
    for (const name of new Set(required)) {
      const values = operatorEnv();
      delete values[name];
      expect(() => readCompose(text, values), name).toThrow(`\${${name}} is required`);
    }
    // Every variable the file needs is in the example an operator copies.
    expect(Object.keys(operatorEnv())).toEqual(expect.arrayContaining([...new Set(required)]));
  });

  it("gives each caregraph service documented variables only, and an environment its own production start-up checks accept", () => {
    const documented = documentedVariables();
    const image = readImageRecipe().runtime.env;
    for (const name of CAREGRAPH) {
      const env = { ...image, ...compose.services[name]!.environment };
      for (const variable of Object.keys(env)) expect(documented.has(variable), `${name}: ${variable}`).toBe(true);
      if (name === 'migrate') continue;
      const verdict = startupVerdict(name, env);
      expect(verdict.problems, name).toEqual([]);
      for (const entry of verdict.supergraph!.subgraphs) expect(entry.routingUrl, `${name} -> ${entry.name}`).toBe(`http://${entry.name}:4000/graphql`);
    }
  });

  it('configures the collector to take OTLP over HTTP on the port the services send to', () => {
    const mount = compose.services['otel-collector']!.volumes!.find((volume) => volume.endsWith(':ro'))!.split(':')[0]!;
    const config = parse(readFileSync(resolve(DEPLOY, mount), 'utf8')) as {
      receivers: { otlp: { protocols: { http: { endpoint: string } } } };
      service: { pipelines: Record<string, { receivers: string[] }> };
    };
    expect(config.receivers.otlp.protocols.http.endpoint).toBe('0.0.0.0:4318');
    expect(Object.keys(config.service.pipelines).sort()).toEqual(['metrics', 'traces']);
    for (const pipeline of Object.values(config.service.pipelines)) expect(pipeline.receivers).toContain('otlp');
  });

  it('catches a broken compose file (each check can fail)', () => {
    const broken = (edit: (t: string) => string) => composeProblems(readCompose(edit(text)));
    expect(broken((t) => t.replace('  read_only: true\n', ''))).toEqual(CAREGRAPH.map((name) => `${name}: root filesystem writable`));
    expect(broken((t) => t.replace('@postgres-devices:5432/caregraph\n    depends_on', '@postgres-patients:5432/caregraph\n    depends_on'))).toEqual([
      "devices: DEVICES_DATABASE_URL is not postgres-devices's",
    ]);
    expect(broken((t) => t.replace('    - ./secrets/keys.json:/var/lib/caregraph/keys/keys.json:ro\n', '')).length).toBe(4);
    expect(broken((t) => t.replace('    command: ["router"]\n', '    command: ["router"]\n    privileged: true\n    cap_add: [NET_ADMIN]\n'))).toEqual(['router: capabilities kept', 'router: privileged']);
    expect(broken((t) => t.replace('command: ["audit"]', 'command: ["router"]'))).toEqual(['audit: command ["router"], not [audit]']);
    const validate = composeSchema();
    expect(validate(readCompose(text.replace('  read_only: true', '  readonly: true')))).toBe(false);
    const introspecting = { ...readImageRecipe().runtime.env, ...compose.services.patients!.environment, GRAPHQL_INTROSPECTION: 'true' };
    expect(startupVerdict('patients', introspecting).problems).toEqual([expect.stringMatching(/^GRAPHQL_INTROSPECTION is true/)]);
  });
});
