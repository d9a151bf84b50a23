import { describe, expect, it } from 'vitest';
import { inProcessTransport, type Db, type RequestInfo, type SubgraphTransport, type Viewer } from '@caregraph/platform';
import { VITAL_CODES } from '../src/codes.ts';
import { createObservationsSubgraph } from '../src/index.ts';

const CODES = `{ vitalSignCodes { code unit min max referenceRange { low high } } }`;

// The code table is served from memory: no database, and no other domain, is asked.
const unused = {} as Db;
const noPeer: SubgraphTransport = { name: 'peer', execute: async () => ({ errors: [{ message: 'not expected' }] }) };
const subgraph = inProcessTransport(createObservationsSubgraph({ db: unused, patients: noPeer, devices: noPeer }));

function signedIn(viewer: Partial<Viewer>): RequestInfo {
  return {
    requestId: 'req-vital-sign-codes',
    token: null,
    viewer: { sub: 'someone', role: 'clinician', organizationId: null, scopes: [], patientId: null, deviceId: null, mfa: true, clientId: null, ...viewer },
  };
}

type Served = { code: string; unit: string; min: number; max: number; referenceRange: { low: number | null; high: number | null } | null };

async function servedCodes(viewer: Partial<Viewer> = {}): Promise<Served[]> {
  const answer = await subgraph.execute({ query: CODES }, signedIn(viewer));
  expect(answer.errors).toBeUndefined();
  return (answer.data as { vitalSignCodes: Served[] }).vitalSignCodes;
}

/** The adult reference ranges the dashboard flags readings by (`VitalSignCode.referenceRange`). */
describe('vitalSignCodes reference ranges', () => {
  it('serves the reference range of every code caregraph accepts', async () => {
    const served = await servedCodes();
    expect(served.map((code) => code.code)).toEqual(VITAL_CODES.map((code) => code.code));
    expect(Object.fromEntries(served.map((code) => [code.code, code.referenceRange]))).toEqual({
      '8867-4': { low: 60, high: 100 }, // heart rate, /min
      '9279-1': { low: 12, high: 20 }, // respiratory rate, /min
      '59408-5': { low: 95, high: null }, // SpO2, %: no upper bound
      '8310-5': { low: 36.1, high: 37.8 }, // body temperature, Cel
      '8480-6': { low: 90, high: 140 }, // systolic, mm[Hg]
      '8462-4': { low: 60, high: 90 }, // diastolic, mm[Hg]
      '2339-0': { low: 70, high: 180 }, // glucose, mg/dL
      '29463-7': null, // body weight: none
    });
  });

  it('keeps every range inside what ingestion accepts, in the code’s unit, low below high', () => {
    for (const { code, min, max, referenceRange } of VITAL_CODES) {
      if (!referenceRange) continue;
      expect(referenceRange.low ?? referenceRange.high, `${code} has a bound`).not.toBeNull();
      for (const bound of [referenceRange.low, referenceRange.high]) {
        if (bound !== null) expect(bound, code).toSatisfy((value: number) => value >= min && value <= max);
      }
      if (referenceRange.low !== null && referenceRange.high !== null) expect(referenceRange.low, code).toBeLessThan(referenceRange.high);
    }
  });

  it('serves the same ranges to every signed-in caller (reference data)', async () => {
    const clinician = await servedCodes();
    expect(await servedCodes({ role: 'analyst' })).toEqual(clinician);
    expect(await servedCodes({ role: 'device', deviceId: 'monitor-7' })).toEqual(clinician);
    expect(await servedCodes({ role: 'auditor' })).toEqual(clinician);
  });
});
