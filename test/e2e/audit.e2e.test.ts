import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditLog } from '@caregraph/platform';
import { randomUUID } from 'node:crypto';
import { MODES, startTestPlatform, type GraphQLClient, type TestPlatform } from '../support/platform.ts';
import { bearer, tokenFor } from '../support/tokens.ts';

interface EventRow {
  chain: string;
  action: string;
  outcome: string;
  resource_type: string;
  patient_id: string | null;
  fields: string[];
  actor_sub: string | null;
  request_id: string;
}

/** What a request left in the audit trail (through the router, in-process, real database). */
describe('the audit trail of API requests', () => {
  let platform: TestPlatform;
  let since = 0;

  beforeAll(async () => {
    platform = await startTestPlatform('in-process');
  });
  afterAll(async () => {
    await platform?.stop();
  });
  beforeEach(async () => {
    since = (await events()).length;
  });

  async function events(): Promise<EventRow[]> {
    const result = (await platform.database!.db.execute(
      sql`select chain, action, outcome, resource_type, patient_id, fields, actor_sub, request_id from audit.events order by occurred_at, chain, seq`,
    )) as unknown;
    return (Array.isArray(result) ? result : (result as { rows: EventRow[] }).rows) as EventRow[];
  }
  const newEvents = async () => (await events()).slice(since);

  const patient = () => platform.plan.patients[0]!;

  it('records one read event per patient per request, however many paths reached the PHI', async () => {
    const { plan } = platform;
    const device = plan.devices.find((d) => d.assignedPatientId === patient().id)!;
    const response = await platform.admin(
      `query ($p: ID!, $d: ID!) { patient(id: $p) { mrn name { text } } device(id: $d) { assignedPatient { birthDate contact { email } } } }`,
      { p: patient().id, d: device.id },
    );
    expect(response.errors).toBeUndefined();
    const reads = (await newEvents()).filter((e) => e.resource_type === 'Patient');
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ action: 'read', outcome: 'success', patient_id: patient().id, actor_sub: 'admin-1' });
    expect([...reads[0]!.fields].sort()).toEqual(['birthDate', 'contact', 'mrn', 'name']);
  });

  it("records a read of each patient whose observations were returned", async () => {
    const first = platform.plan.patients.slice(0, 3).filter((p) => p.organizationId === platform.plan.organizations[0]!.id);
    const query = first.map((p, i) => `p${i}: patient(id: "${p.id}") { latestVitals { value } }`).join(' ');
    expect((await platform.admin(`{ ${query} }`)).errors).toBeUndefined();
    const reads = (await newEvents()).filter((e) => e.resource_type === 'Observation');
    expect(reads.map((e) => e.patient_id).sort()).toEqual(first.map((p) => p.id).sort());
    for (const read of reads) expect(read.fields).toEqual(['latestVitals']);
  });

  it('records writes and denials, and never a value', async () => {
    const created = await platform.admin(`mutation { createPatient(input: { mrn: "AUD-77", name: { family: "Audenried", given: ["Ilse"] }, birthDate: "1970-01-02", sex: FEMALE }) { id } }`);
    const analyst = await platform.as({ role: 'analyst', sub: 'analyst-9' });
    await analyst(`query ($p: ID!) { patient(id: $p) { ageBand mrn } }`, { p: patient().id });
    const fresh = await newEvents();
    expect(fresh.filter((e) => e.action === 'create')).toEqual([
      expect.objectContaining({ resource_type: 'Patient', patient_id: created.data!.createPatient.id, fields: ['mrn', 'name', 'birthDate', 'sex'] }),
    ]);
    expect(fresh.filter((e) => e.action === 'deny')).toEqual([
      expect.objectContaining({ outcome: 'denied', resource_type: 'Patient', fields: ['mrn'], actor_sub: 'analyst-9' }),
    ]);
    const text = JSON.stringify(await events());
    for (const value of ['AUD-77', 'Audenried', 'Ilse', '1970-01-02', patient().mrn, patient().family]) expect(text).not.toContain(value);
  });

  it('withholds the answer when the audit trail cannot be written (fail closed)', async () => {
    const db = platform.database!.db;
    await db.execute(sql`alter table audit.events add constraint audit_down check (false) not valid`);
    try {
      const response = await platform.admin(`query ($p: ID!) { patient(id: $p) { mrn } }`, { p: patient().id });
      expect(response.data ?? null).toBeNull();
      expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['INTERNAL']);
      expect(JSON.stringify(response)).not.toContain(patient().mrn);
    } finally {
      await db.execute(sql`alter table audit.events drop constraint audit_down`);
    }
  });

  it('writes a change and its audit event in one transaction: no event, no change', async () => {
    const db = platform.database!.db;
    const CREATE = `mutation { createPatient(input: { mrn: "AUD-FAIL-1", name: { family: "Nolog", given: ["Nina"] }, birthDate: "1980-05-06", sex: FEMALE }) { id } }`;
    await db.execute(sql`alter table audit.events add constraint audit_down check (false) not valid`);
    try {
      const refused = await platform.admin(CREATE);
      expect(refused.errors?.[0]?.extensions?.code).toBe('INTERNAL');
    } finally {
      await db.execute(sql`alter table audit.events drop constraint audit_down`);
    }
    const found = await platform.admin(`{ patients(filter: { mrn: "AUD-FAIL-1" }) { edges { node { id } } } }`);
    expect(found.data?.patients.edges).toEqual([]);
    expect((await platform.admin(CREATE)).errors).toBeUndefined();
  });

  it("shows the trail to the organization's auditor and a patient's accesses to the patient, and audits both reads", async () => {
    await platform.admin(`query ($p: ID!) { patient(id: $p) { mrn } }`, { p: patient().id });
    const auditor = await platform.as({ role: 'auditor', sub: 'auditor-1', org: platform.plan.organizations[0]!.id, mfa: true });
    const trail = await auditor(
      `query ($p: ID!) { auditEvents(first: 50, patientId: $p) { edges { node { action outcome actor resourceType fields requestId } } } }`,
      { p: patient().id },
    );
    expect(trail.errors).toBeUndefined();
    const nodes = trail.data!.auditEvents.edges.map((e: { node: unknown }) => e.node);
    expect(nodes).toContainEqual(expect.objectContaining({ action: 'READ', outcome: 'SUCCESS', actor: 'admin-1', resourceType: 'Patient', fields: ['mrn'] }));

    const self = await platform.as({ role: 'patient', sub: 'person-1', org: patient().organizationId, patient: patient().id });
    const log = await self(`query ($p: ID!) { patient(id: $p) { accessLog(first: 50) { edges { node { actor action } } } } }`, { p: patient().id });
    expect(log.errors).toBeUndefined();
    expect(log.data!.patient.accessLog.edges.map((e: { node: { actor: string } }) => e.node.actor)).toContain('admin-1');

    const audited = (await newEvents()).filter((e) => e.resource_type === 'AuditEvent');
    expect(audited.map((e) => [e.actor_sub, e.fields])).toEqual(
      expect.arrayContaining([
        ['auditor-1', ['auditEvents']],
        ['person-1', ['accessLog']],
      ]),
    );
  });

  it('filters the trail by outcome through the router, with the other filters, and refuses an outcome that is none', async () => {
    const organization = platform.plan.organizations[0]!.id;
    const requestId = randomUUID();
    // One request that is both served (the patient) and refused (the trail is for auditors only).
    const admin = bearer(await tokenFor({ role: 'org_admin', sub: 'admin-1', org: organization, mfa: true }));
    await platform.query(`query ($p: ID!) { patient(id: $p) { mrn } auditEvents { edges { cursor } } }`, { p: patient().id }, { ...admin, 'x-request-id': requestId });
    const auditor = await platform.as({ role: 'auditor', sub: 'auditor-1', org: organization, mfa: true });
    const trailOf = async (outcome: string) => {
      const trail = await auditor(`query ($r: String, $o: AuditOutcome) { auditEvents(first: 100, requestId: $r, outcome: $o) { edges { node { outcome resourceType actor } } } }`, {
        r: requestId,
        o: outcome,
      });
      expect(trail.errors).toBeUndefined();
      return trail.data!.auditEvents.edges.map((e: { node: unknown }) => e.node);
    };
    const denied = await trailOf('DENIED');
    expect(denied.length).toBeGreaterThan(0);
    for (const node of denied) expect(node).toMatchObject({ outcome: 'DENIED', actor: 'admin-1' });
    expect(await trailOf('SUCCESS')).toContainEqual({ outcome: 'SUCCESS', resourceType: 'Patient', actor: 'admin-1' });
    expect((await trailOf('SUCCESS')).every((node: { outcome: string }) => node.outcome === 'SUCCESS')).toBe(true);

    const literal = await auditor(`{ auditEvents(outcome: ALLOWED) { edges { cursor } } }`);
    expect(literal.data ?? null).toBeNull();
    expect(literal.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const lowerCase = await auditor(`query ($o: AuditOutcome) { auditEvents(outcome: $o) { edges { cursor } } }`, { o: 'denied' });
    expect(lowerCase.data ?? null).toBeNull();
    expect(lowerCase.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });

  it('records a lookup by MRN or e-mail: a read of the patient found, or of no patient when none matched', async () => {
    const target = patient();
    await platform.admin(`query ($mrn: String!) { patients(filter: { mrn: $mrn }) { edges { node { id } } } }`, { mrn: target.mrn });
    await platform.admin(`{ patients(filter: { email: "nobody-here@example.org" }) { edges { node { id } } } }`);
    const reads = (await newEvents()).filter((e) => e.resource_type === 'Patient' && e.action === 'read');
    expect(reads.map((e) => [e.patient_id, e.fields])).toEqual([
      [target.id, ['lookup:mrn']],
      [null, ['lookup:email']],
    ]);
    expect(JSON.stringify(reads)).not.toContain(target.mrn);
  });

  it('records a first: 0 page whose pageInfo says readings exist, as a read of that patient', async () => {
    const target = patient();
    const answer = await platform.admin(`query ($p: ID!) { patient(id: $p) { observations(first: 0) { edges { cursor } pageInfo { hasNextPage } } } }`, { p: target.id });
    expect(answer.data!.patient.observations).toEqual({ edges: [], pageInfo: { hasNextPage: true } });
    const reads = (await newEvents()).filter((e) => e.resource_type === 'Observation');
    expect(reads.map((e) => [e.action, e.patient_id, e.fields])).toEqual([['read', target.id, ['observations']]]);
  });

  it("keeps an auditor's search for another organization's patient out of that patient's access log", async () => {
    const organizations = platform.plan.organizations;
    const foreign = platform.plan.patients.find((p) => p.organizationId === organizations[1]!.id)!;
    const auditor = await platform.as({ role: 'auditor', sub: 'auditor-x', org: organizations[0]!.id, mfa: true });
    const searched = await auditor(`query ($p: ID!) { auditEvents(patientId: $p, first: 5) { edges { node { id } } } }`, { p: foreign.id });
    expect(searched.data!.auditEvents.edges).toEqual([]);
    const [event] = (await newEvents()).filter((e) => e.resource_type === 'AuditEvent');
    // Recorded (who searched for which id), but not as a disclosure about that patient.
    expect(event).toMatchObject({ action: 'read', actor_sub: 'auditor-x', patient_id: null });
    const foreignAdmin = await platform.as({ role: 'org_admin', sub: 'admin-b', org: organizations[1]!.id, mfa: true });
    const log = await foreignAdmin(`query ($p: ID!) { patient(id: $p) { accessLog(first: 100) { edges { node { actor } } } } }`, { p: foreign.id });
    expect(log.data!.patient.accessLog.edges.map((edge: { node: { actor: string } }) => edge.node.actor)).not.toContain('auditor-x');
  });

  it('reports a principal whose lookups keep finding nothing (probing ids), once, with the count', async () => {
    const prober = await platform.as({ role: 'org_admin', sub: 'prober-1', org: platform.plan.organizations[0]!.id, mfa: true });
    const lookups = () => Array.from({ length: 8 }, (_, i) => `p${i}: patient(id: "${randomUUID()}") { id }`).join(' ');
    for (let round = 0; round < 4; round++) {
      const answer = await prober(`{ ${lookups()} }`);
      expect(answer.errors?.every((e) => e.extensions?.code === 'NOT_FOUND')).toBe(true);
    }
    const reports = (await newEvents()).filter((e) => e.actor_sub === 'prober-1' && e.action === 'deny');
    // 8 a request: the third passes 20 (24), and the window reports once.
    expect(reports.map((e) => [e.resource_type, e.fields])).toEqual([['Request', ['NOT_FOUND', 'probes:24']]]);
  });

  it('leaves every chain intact', async () => {
    const reports = await verifyAuditLog(platform.database!.db);
    expect(reports.length).toBeGreaterThan(0);
    for (const report of reports) expect(report.broken, report.chain).toBeNull();
  });
});

/**
 * One request through the router often fetches one subgraph several times (a patient's PHI at the
 * root and again under its devices). The subgraphs hand their records to the router, which
 * records the whole request once: one event per patient and resource type, in both modes.
 */
describe.each(MODES)('one request, many fetches (%s)', (mode) => {
  let platform: TestPlatform;
  let auditor: GraphQLClient;
  beforeAll(async () => {
    platform = await startTestPlatform(mode);
    auditor = await platform.as({ role: 'auditor', sub: 'auditor-1', org: platform.plan.organizations[0]!.id, mfa: true });
  });
  afterAll(async () => {
    await platform?.stop();
  });

  async function trailOf(requestId: string) {
    const trail = await auditor(
      `query ($r: String!) { auditEvents(first: 100, requestId: $r) { edges { node { action outcome actor resourceType patientId fields } } } }`,
      { r: requestId },
    );
    expect(trail.errors).toBeUndefined();
    return trail.data!.auditEvents.edges.map((e: { node: { fields: string[] } }) => ({ ...e.node, fields: [...e.node.fields].sort() }));
  }

  // Each subgraph writes before it answers (fail closed), so a later fetch cannot add to an event
  // already written: it writes only the fields no earlier fetch of the request recorded. Per
  // patient and resource type, every field read is recorded exactly once, and nothing twice.
  it('records every field a request read of a patient exactly once, however many fetches read it', async () => {
    const { plan } = platform;
    const patient = plan.patients[0]!;
    const device = plan.devices.find((d) => d.assignedPatientId === patient.id)!;
    const requestId = randomUUID();
    const admin = bearer(await tokenFor({ role: 'org_admin', sub: 'admin-1', org: patient.organizationId, mfa: true }));
    const dashboard = `query ($p: ID!, $d: ID!) {
        patient(id: $p) { mrn devices { assignedPatient { name { text } } } latestVitals { value } }
        device(id: $d) { assignedPatient { birthDate contact { email } } observations(first: 2) { edges { node { value } } } }
      }`;
    const response = await platform.query(dashboard, { p: patient.id, d: device.id }, { ...admin, 'x-request-id': requestId });
    expect(response.errors).toBeUndefined();
    const trail = await trailOf(requestId);
    const fieldsOf = (resourceType: string) =>
      trail.filter((event: { resourceType: string }) => event.resourceType === resourceType).flatMap((event: { fields: string[] }) => event.fields).sort();
    expect(trail.every((event: Record<string, unknown>) => event.action === 'READ' && event.outcome === 'SUCCESS' && event.actor === 'admin-1' && event.patientId === patient.id)).toBe(true);
    expect(fieldsOf('Patient')).toEqual(['birthDate', 'contact', 'mrn', 'name']);
    expect(fieldsOf('Observation')).toEqual(['latestVitals', 'observations']);
    expect(new Set(trail.map((event: { resourceType: string }) => event.resourceType))).toEqual(new Set(['Patient', 'Observation']));
    if (mode === 'in-process') expect(trail).toHaveLength(2); // one context per subgraph per request: one event each
  });

  it('records one event per patient and resource type when one request reads the same fields in many fetches', async () => {
    const patient = platform.plan.patients[0]!;
    const devices = platform.plan.devices.filter((d) => d.assignedPatientId === patient.id);
    const requestId = randomUUID();
    const admin = bearer(await tokenFor({ role: 'org_admin', sub: 'admin-1', org: patient.organizationId, mfa: true }));
    // The same patient's name through the root field and through each device: several fetches of the
    // patients domain in distributed mode, one record.
    const response = await platform.query(
      `query ($p: ID!, $d: ID!) { patient(id: $p) { name { text } } device(id: $d) { assignedPatient { name { text } } } }`,
      { p: patient.id, d: devices[0]!.id },
      { ...admin, 'x-request-id': requestId },
    );
    expect(response.errors).toBeUndefined();
    expect(await trailOf(requestId)).toEqual([
      { action: 'READ', outcome: 'SUCCESS', actor: 'admin-1', resourceType: 'Patient', patientId: patient.id, fields: ['name'] },
    ]);
  });

  it('records a sign-in refused for want of MFA, naming the verified caller', async () => {
    const requestId = randomUUID();
    const noMfa = bearer(await tokenFor({ role: 'clinician', sub: 'clin-no-mfa', org: platform.plan.organizations[0]!.id }));
    const response = await platform.query('{ patients(first: 1) { edges { node { id } } } }', {}, { ...noMfa, 'x-request-id': requestId });
    expect(response.status).toBe(403);
    expect(await trailOf(requestId)).toEqual([
      { action: 'DENY', outcome: 'DENIED', actor: 'clin-no-mfa', resourceType: 'Request', patientId: null, fields: ['MFA_REQUIRED'] },
    ]);
  });
});
