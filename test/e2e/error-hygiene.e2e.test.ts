import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';

/** Errors name what was wrong, never the rejected value (it may be PHI), never other field names. */
describe('error hygiene through the router (in-process)', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform('in-process');
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('does not echo a rejected variable value', async () => {
    const secret = 'Okafor-1984-SSN-078051120';
    const responses = await Promise.all([
      platform.admin(`mutation ($input: CreatePatientInput!) { createPatient(input: $input) { id } }`, {
        input: { mrn: 'M-1', name: { family: 'X', given: ['Y'] }, birthDate: secret, sex: 'FEMALE' },
      }),
      platform.admin(`mutation ($input: CreatePatientInput!) { createPatient(input: $input) { id } }`, {
        input: { mrn: 'M-2', name: { family: 'X', given: ['Y'] }, birthDate: '1980-01-01', sex: secret },
      }),
      platform.admin(`query ($first: Int) { patients(first: $first) { edges { node { id } } } }`, { first: secret }),
      platform.admin(`mutation ($input: CreatePatientInput!) { createPatient(input: $input) { id } }`, {
        input: { mrn: `bad mrn ${secret}`, name: { family: 'X', given: ['Y'] }, birthDate: '1980-01-01', sex: 'FEMALE' },
      }),
    ]);
    for (const response of responses) {
      expect(response.errors?.[0]?.extensions?.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
      expect(JSON.stringify(response)).not.toContain(secret);
    }
    expect(responses[0]!.errors?.[0]?.message).toContain('input.birthDate');
    expect(responses[3]!.errors?.[0]?.extensions?.field).toBe('input.mrn');
  });

  it('suggests no field names', async () => {
    const response = await platform.admin(`{ patiens(first: 1) { edges { node { id } } } }`);
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(response)).not.toMatch(/Did you mean|"patients"/);
  });

  it('keeps internal entities out of the API: the care-team panel cannot be asked for', async () => {
    const response = await platform.admin(`{ __type(name: "CareTeamPanel") { name } }`);
    expect(response.errors).toBeUndefined();
    expect(response.data!.__type).toBeNull();
  });

  it('keeps internal mutations out of the API: erasure helpers of other domains cannot be called', async () => {
    for (const field of ['forgetPatient', 'eraseObservationsOfPatient']) {
      const response = await platform.admin(`mutation ($p: ID!) { ${field}(patientId: $p) }`, { p: platform.plan.patients[0]!.id });
      expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
  });

  it('rejects input fields a caller may not set, such as the tenant', async () => {
    const response = await platform.admin(`mutation ($input: CreatePatientInput!) { createPatient(input: $input) { id } }`, {
      input: { mrn: 'M-9', name: { family: 'X', given: ['Y'] }, birthDate: '1980-01-01', sex: 'FEMALE', organizationId: platform.plan.organizations[1]!.id },
    });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toContain('organizationId');
  });
});
