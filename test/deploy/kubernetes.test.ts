import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { documentedVariables, startupVerdict } from '../support/deployment-env.ts';
import { readImageRecipe } from '../support/image-recipe.ts';
import { K8S_DIR, manifestFiles, readManifests, UnknownFieldChecker, validateAgainstSchema, type Manifest } from '../support/kubernetes-manifests.ts';

const SUBGRAPHS = ['patients', 'devices', 'observations', 'audit'];
const SERVICES = ['router', ...SUBGRAPHS];

/* The shapes these tests read (the schemas have checked the rest). */
interface Container {
  name: string;
  image: string;
  args?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string }; configMapKeyRef?: { name: string; key: string } } }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  securityContext?: { privileged?: boolean; allowPrivilegeEscalation?: boolean; readOnlyRootFilesystem?: boolean; runAsNonRoot?: boolean; capabilities?: { drop?: string[]; add?: string[] } };
  volumeMounts?: { name: string; mountPath: string; subPath?: string; readOnly?: boolean }[];
}
interface PodSpec {
  automountServiceAccountToken?: boolean;
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number; seccompProfile?: { type: string } };
  containers: Container[];
  volumes?: { name: string; secret?: { secretName: string }; emptyDir?: object; configMap?: { name: string } }[];
}
interface Workload extends Manifest {
  spec: { selector?: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string> }; spec: PodSpec } };
}
interface Policy extends Manifest {
  spec: {
    podSelector: { matchLabels?: Record<string, string> };
    policyTypes?: string[];
    ingress?: { from?: { podSelector?: { matchLabels?: Record<string, string> }; namespaceSelector?: object; ipBlock?: object }[]; ports?: { port?: string | number }[] }[];
  };
}

const matches = (selector: { matchLabels?: Record<string, string> } | undefined, labels: Record<string, string>) =>
  Object.entries(selector?.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
const workloads = (manifests: Manifest[]) => manifests.filter((m): m is Workload => m.kind === 'Deployment' || m.kind === 'Job');
const deployments = (manifests: Manifest[]) => workloads(manifests).filter((m) => m.kind === 'Deployment');
const secretsOf = (manifests: Manifest[]) =>
  new Map(manifests.filter((m) => m.kind === 'Secret').map((m) => [m.metadata.name, { ...(m.data as object), ...(m.stringData as object) } as Record<string, string>]));
const configMapsOf = (manifests: Manifest[]) => new Map(manifests.filter((m) => m.kind === 'ConfigMap').map((m) => [m.metadata.name, (m.data ?? {}) as Record<string, string>]));

/** Stand-ins for the values an operator puts in the Secrets (the templates hold none). */
function standIn(key: string): string {
  const domain = /^(\w+)_DATABASE_URL$/.exec(key)?.[1]?.toLowerCase();
  if (domain) return `postgres://caregraph:${randomBytes(8).toString('hex')}@${domain}-db.example.internal:5432/caregraph?sslmode=verify-full`;
  if (key === 'REDIS_URL') return 'rediss://caregraph:secret@redis.example.internal:6380';
  return randomBytes(32).toString('hex');
}

/** The environment a container starts with: its image's, its ConfigMaps', its own (secrets by stand-in). */
function containerEnv(manifests: Manifest[], container: Container): Record<string, string> {
  const configMaps = configMapsOf(manifests);
  const env: Record<string, string> = { ...readImageRecipe().runtime.env };
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) Object.assign(env, configMaps.get(source.configMapRef.name));
    if (source.secretRef) for (const key of Object.keys(secretsOf(manifests).get(source.secretRef.name) ?? {})) env[key] = standIn(key);
  }
  for (const variable of container.env ?? []) {
    if (variable.value !== undefined) env[variable.name] = variable.value;
    else if (variable.valueFrom?.secretKeyRef) env[variable.name] = standIn(variable.valueFrom.secretKeyRef.key);
    else if (variable.valueFrom?.configMapKeyRef) env[variable.name] = configMaps.get(variable.valueFrom.configMapKeyRef.name)?.[variable.valueFrom.configMapKeyRef.key] ?? '';
  }
  return env;
}

/** Where a path in a container comes from: the mount holding it, and the Secret key behind it, if any. */
function sourceOf(spec: PodSpec, container: Container, path: string): { mount: NonNullable<Container['volumeMounts']>[number]; secret?: string; key?: string } | null {
  const mounts = [...(container.volumeMounts ?? [])].sort((a, b) => b.mountPath.length - a.mountPath.length);
  const mount = mounts.find((m) => path === m.mountPath || path.startsWith(`${m.mountPath}/`));
  if (!mount) return null;
  const volume = spec.volumes?.find((v) => v.name === mount.name);
  if (!volume?.secret) return { mount };
  return { mount, secret: volume.secret.secretName, key: mount.subPath ?? posix.relative(mount.mountPath, path) };
}

/** What is wrong with the Deployments and the Job, as a list (empty: nothing). */
function workloadProblems(manifests: Manifest[]): string[] {
  const problems: string[] = [];
  const secrets = secretsOf(manifests);
  const configMaps = configMapsOf(manifests);
  const names = deployments(manifests).map((d) => d.metadata.name);
  if (JSON.stringify([...names].sort()) !== JSON.stringify([...SERVICES].sort())) problems.push(`Deployments ${names.join(', ')}: not one per service`);
  for (const workload of workloads(manifests)) {
    const at = `${workload.kind} ${workload.metadata.name}`;
    const pod = workload.spec.template.spec;
    if (workload.kind === 'Deployment' && !matches(workload.spec.selector, workload.spec.template.metadata.labels)) problems.push(`${at}: its selector does not select its pods`);
    if (pod.automountServiceAccountToken !== false) problems.push(`${at}: mounts a service account token`);
    if (pod.securityContext?.runAsNonRoot !== true) problems.push(`${at}: pod not runAsNonRoot`);
    if (!pod.securityContext?.runAsUser) problems.push(`${at}: no non-root runAsUser`);
    if (pod.securityContext?.seccompProfile?.type !== 'RuntimeDefault') problems.push(`${at}: seccomp not RuntimeDefault`);
    if (pod.containers.length !== 1) problems.push(`${at}: not one container`);
    for (const container of pod.containers) {
      const sc = container.securityContext;
      if (sc?.readOnlyRootFilesystem !== true) problems.push(`${at}: root filesystem writable`);
      if (sc?.allowPrivilegeEscalation !== false || sc.privileged) problems.push(`${at}: privilege escalation allowed`);
      if (sc?.runAsNonRoot !== true) problems.push(`${at}: container not runAsNonRoot`);
      if (JSON.stringify(sc?.capabilities?.drop) !== '["ALL"]' || sc?.capabilities?.add?.length) problems.push(`${at}: capabilities not dropped (drop: [ALL], none added)`);
      if (!container.resources?.requests?.cpu || !container.resources.requests.memory || !container.resources.limits?.memory) problems.push(`${at}: resources (cpu and memory requests, a memory limit) missing`);
      if (!/^[\w.-]+(\/[\w.-]+)+:[\w.-]+$/.test(container.image) || !container.image.includes('/caregraph:')) problems.push(`${at}: image ${container.image} is not the caregraph image at a tag`);
      const service = workload.metadata.name === 'caregraph-migrate' ? 'migrate' : workload.metadata.name;
      if (JSON.stringify(container.args) !== JSON.stringify([service])) problems.push(`${at}: args ${JSON.stringify(container.args)}, not [${service}]`);
      if (workload.kind === 'Deployment') {
        const http = container.ports?.find((p) => p.name === 'http');
        if (http?.containerPort !== 4000) problems.push(`${at}: no port http (4000)`);
        if (container.livenessProbe?.httpGet?.path !== '/healthz' || container.livenessProbe.httpGet.port !== 'http') problems.push(`${at}: liveness is not GET /healthz on http`);
        if (container.readinessProbe?.httpGet?.path !== '/readyz' || container.readinessProbe.httpGet.port !== 'http') problems.push(`${at}: readiness is not GET /readyz on http`);
      }
      // Every reference resolves, every file a variable names is in a mounted Secret, and the only writable mounts are scratch.
      for (const source of container.envFrom ?? []) {
        if (source.configMapRef && !configMaps.has(source.configMapRef.name)) problems.push(`${at}: ConfigMap ${source.configMapRef.name} does not exist`);
      }
      for (const variable of container.env ?? []) {
        const ref = variable.valueFrom?.secretKeyRef;
        if (ref && !(secrets.get(ref.name) && ref.key in secrets.get(ref.name)!)) problems.push(`${at}: ${variable.name} refers to ${ref.name}/${ref.key}, which does not exist`);
      }
      const env = containerEnv(manifests, container);
      for (const [name, value] of Object.entries(env).filter(([name]) => name.endsWith('_FILE'))) {
        const source = sourceOf(pod, container, value);
        if (!source?.secret || !source.mount.readOnly) problems.push(`${at}: ${name} (${value}) is not in a read-only Secret mount`);
        else if (!(source.key! in (secrets.get(source.secret) ?? {}))) problems.push(`${at}: ${name} (${value}): Secret ${source.secret} has no ${source.key}`);
      }
      for (const mount of container.volumeMounts ?? []) {
        const volume = pod.volumes?.find((v) => v.name === mount.name);
        if (!volume) problems.push(`${at}: mount ${mount.name} has no volume`);
        else if (!mount.readOnly && !volume.emptyDir) problems.push(`${at}: writable mount ${mount.mountPath} is not scratch (emptyDir)`);
      }
      const keysDir = env.KEYS_FILE ? sourceOf(pod, { ...container, volumeMounts: container.volumeMounts?.filter((m) => !m.subPath) }, posix.dirname(env.KEYS_FILE)) : null;
      if (env.KEYS_FILE && (!keysDir || keysDir.mount.readOnly || !pod.volumes?.find((v) => v.name === keysDir.mount.name)?.emptyDir)) {
        problems.push(`${at}: the directory of KEYS_FILE (audit checkpoints beside it) is not writable`);
      }
    }
  }
  return problems;
}

/** Who may open a connection to whom on the services' port, by the network policies. */
function reachability(manifests: Manifest[]): Record<string, string[]> {
  const policies = manifests.filter((m): m is Policy => m.kind === 'NetworkPolicy');
  const pods = workloads(manifests).map((w) => ({ name: w.metadata.name, labels: w.spec.template.metadata.labels, ports: w.spec.template.spec.containers[0]?.ports ?? [] }));
  const sources = [...pods, { name: 'outside', labels: {}, outside: true }];
  const reach: Record<string, string[]> = {};
  for (const pod of pods.filter((p) => p.ports.length > 0)) {
    const selecting = policies.filter((policy) => matches(policy.spec.podSelector, pod.labels) && (policy.spec.policyTypes ?? ['Ingress']).includes('Ingress'));
    const port = (p: string | number | undefined) => p === undefined || p === 4000 || pod.ports.some((candidate) => candidate.name === p && candidate.containerPort === 4000);
    reach[pod.name] = sources
      .filter(
        (source) =>
          selecting.length === 0 ||
          selecting.some((policy) =>
            (policy.spec.ingress ?? []).some(
              (rule) =>
                (rule.ports ?? [{}]).some((p) => port(p.port)) &&
                (!rule.from ||
                  rule.from.some((peer) => (peer.ipBlock || peer.namespaceSelector ? true : !('outside' in source) && matches(peer.podSelector, source.labels)))),
            ),
          ),
      )
      .map((source) => source.name);
  }
  return reach;
}

describe('deploy/k8s', () => {
  const manifests = readManifests();
  let fields: UnknownFieldChecker;
  beforeAll(() => {
    fields = new UnknownFieldChecker(manifests);
  });

  it('every object validates against the Kubernetes API schema of its kind, and has no field the API does not know', async () => {
    expect(manifests.length).toBeGreaterThan(30);
    for (const manifest of manifests) {
      await expect(validateAgainstSchema(manifest), `${manifest.file}: ${manifest.kind} ${manifest.metadata.name}`).resolves.toBeUndefined();
      expect(fields.unknownFields(manifest), `${manifest.file}: ${manifest.kind} ${manifest.metadata.name}`).toEqual([]);
      expect(manifest.kind === 'Namespace' || manifest.metadata.namespace === 'caregraph', `${manifest.kind} ${manifest.metadata.name} namespace`).toBe(true);
    }
  });

  it('kustomization.yaml applies every manifest file', () => {
    const kustomization = parse(readFileSync(join(K8S_DIR, 'kustomization.yaml'), 'utf8')) as { resources: string[]; namespace: string };
    expect([...kustomization.resources].sort()).toEqual(Object.keys(manifestFiles()).sort());
    expect(kustomization.namespace).toBe('caregraph');
  });

  it('each Deployment and the migrate Job: probes, resources, a locked-down security context, the image by service name, every reference resolved', () => {
    expect(workloadProblems(manifests)).toEqual([]);
    const image = new Set(workloads(manifests).map((w) => w.spec.template.spec.containers[0]!.image));
    expect(image.size).toBe(1);
  });

  it('each Deployment has a Service, an autoscaler and a disruption budget that select it', () => {
    for (const deployment of deployments(manifests)) {
      const { name } = deployment.metadata;
      const labels = deployment.spec.template.metadata.labels;
      const service = manifests.find((m) => m.kind === 'Service' && m.metadata.name === name) as (Manifest & { spec: { selector: Record<string, string>; ports: { targetPort: string }[] } }) | undefined;
      expect(service && matches({ matchLabels: service.spec.selector }, labels), `Service ${name}`).toBe(true);
      expect(service!.spec.ports.map((p) => p.targetPort)).toEqual(['http']);
      const hpa = manifests.find((m) => m.kind === 'HorizontalPodAutoscaler' && (m.spec as { scaleTargetRef: { name: string } }).scaleTargetRef.name === name) as (Manifest & { spec: { minReplicas: number } }) | undefined;
      expect(hpa?.spec.minReplicas, `HorizontalPodAutoscaler ${name}`).toBeGreaterThanOrEqual(2);
      const pdb = manifests.find((m) => m.kind === 'PodDisruptionBudget' && matches((m.spec as { selector: { matchLabels: Record<string, string> } }).selector, labels));
      expect(pdb, `PodDisruptionBudget ${name}`).toBeDefined();
    }
  });

  it('only the router reaches a subgraph port, and subgraphs reach each other; the router is reachable from outside', () => {
    const reach = reachability(manifests);
    expect(reach.router).toContain('outside');
    for (const subgraph of SUBGRAPHS) expect(reach[subgraph]!.sort(), subgraph).toEqual(['router', ...SUBGRAPHS].sort());
  });

  it('Secrets are templates: no value in any of them', () => {
    for (const [name, values] of secretsOf(manifests)) expect(Object.values(values).filter((value) => value !== ''), name).toEqual([]);
  });

  it('every variable a process is given is one docs/configuration.md documents', () => {
    const documented = documentedVariables();
    for (const workload of workloads(manifests)) {
      for (const name of Object.keys(containerEnv(manifests, workload.spec.template.spec.containers[0]!))) expect(documented.has(name), `${workload.metadata.name}: ${name}`).toBe(true);
    }
  });

  it("each Deployment's environment passes its service's own production start-up checks (with the Secrets filled)", () => {
    for (const deployment of deployments(manifests)) {
      const { name } = deployment.metadata;
      const env = containerEnv(manifests, deployment.spec.template.spec.containers[0]!);
      const verdict = startupVerdict(name, env);
      expect(verdict.problems, name).toEqual([]);
      // Every subgraph reached over mutual TLS at its Service, whoever calls.
      for (const entry of verdict.supergraph!.subgraphs) expect(entry.routingUrl, `${name} -> ${entry.name}`).toBe(`https://${entry.name}:4000/graphql`);
      if (SUBGRAPHS.includes(name)) {
        expect(env[`${name.toUpperCase()}_DATABASE_URL`], `${name}'s own database`).toBeTruthy();
        expect(Object.keys(env).filter((key) => key.endsWith('_DATABASE_URL')), `${name} gets no other domain's database`).toEqual([`${name.toUpperCase()}_DATABASE_URL`]);
        expect(env.TLS_CLIENT_CA_FILE, `${name} requires client certificates`).toBeTruthy();
      } else {
        expect(Object.keys(env).filter((key) => key.endsWith('_DATABASE_URL') || key === 'KEYS_FILE'), 'the router holds no database and no PHI keys').toEqual([]);
        expect(env.REDIS_URL, 'router replicas share rate limits').toBeTruthy();
      }
    }
  });

  it('the migrate Job runs migrate against every domain database', () => {
    const job = workloads(manifests).find((w) => w.kind === 'Job')!;
    const env = containerEnv(manifests, job.spec.template.spec.containers[0]!);
    expect(Object.keys(env).filter((key) => key.endsWith('_DATABASE_URL')).sort()).toEqual(SUBGRAPHS.map((s) => `${s.toUpperCase()}_DATABASE_URL`).sort());
  });

  it('catches a broken manifest (each check can fail)', async () => {
    const edited = (file: string, edit: (text: string) => string) => readManifests({ ...manifestFiles(), [file]: edit(manifestFiles()[file]!) });
    const router = (list: Manifest[]) => deployments(list).find((m) => m.metadata.name === 'router')!;
    // A wrong type: the schema.
    await expect(validateAgainstSchema(router(edited('router.yaml', (t) => t.replace('containerPort: 4000', 'containerPort: "4000"'))))).rejects.toThrow(/containerPort must be integer/);
    // A misspelt field, which the API server would drop: the field check.
    expect(fields.unknownFields(router(edited('router.yaml', (t) => t.replace('readOnlyRootFilesystem: true', 'readOnlyRootFileSystem: true'))))).toEqual([
      'spec.template.spec.containers.0.securityContext.readOnlyRootFileSystem',
    ]);
    expect(workloadProblems(edited('router.yaml', (t) => t.replace('readOnlyRootFilesystem: true', 'readOnlyRootFilesystem: false')))).toEqual(['Deployment router: root filesystem writable']);
    expect(workloadProblems(edited('router.yaml', (t) => t.replace('path: /readyz', 'path: /healthz')))).toEqual(['Deployment router: readiness is not GET /readyz on http']);
    expect(workloadProblems(edited('router.yaml', (t) => t.replace('drop: [ALL]', 'drop: [NET_RAW]')))).toEqual(['Deployment router: capabilities not dropped (drop: [ALL], none added)']);
    expect(workloadProblems(edited('subgraphs.yaml', (t) => t.replace('key: PATIENTS_DATABASE_URL }', 'key: PATIENT_DATABASE_URL }')))).toEqual([
      'Deployment patients: PATIENTS_DATABASE_URL refers to caregraph-databases/PATIENT_DATABASE_URL, which does not exist',
    ]);
    expect(workloadProblems(edited('subgraphs.yaml', (t) => t.replace('mountPath: /var/lib/caregraph/keys\n', 'mountPath: /var/lib/caregraph/keys\n              readOnly: true\n')))).toEqual([
      'Deployment patients: the directory of KEYS_FILE (audit checkpoints beside it) is not writable',
    ]);
    // A policy that lets everyone in.
    const open = reachability(edited('network-policies.yaml', (t) => t.replace(/    - from:\n(.|\n)*?      ports:/, '    - ports:')));
    expect(open.patients).toContain('outside');
    // No policy selecting the subgraphs (no default deny): anything reaches them.
    const unselected = reachability(edited('network-policies.yaml', (t) => t.split('\n---\n').filter((doc) => doc.includes('name: router-ingress')).join('\n---\n')));
    expect(unselected.patients).toEqual(expect.arrayContaining(['outside', 'caregraph-migrate']));
    // A value production refuses (introspection on), and a variable nobody reads.
    const introspecting = edited('config.yaml', (t) => t.replace('  LOG_LEVEL: info', '  LOG_LEVEL: info\n  GRAPHQL_INTROSPECTION: "true"'));
    expect(startupVerdict('patients', containerEnv(introspecting, deployments(introspecting).find((d) => d.metadata.name === 'patients')!.spec.template.spec.containers[0]!)).problems).toEqual([
      expect.stringMatching(/^GRAPHQL_INTROSPECTION is true/),
    ]);
    const typo = containerEnv(manifests, { ...router(manifests).spec.template.spec.containers[0]!, env: [{ name: 'ROUTER_CREDENTAL', value: 'x' }] });
    expect(Object.keys(typo).filter((name) => !documentedVariables().has(name))).toEqual(['ROUTER_CREDENTAL']);
  });
});
