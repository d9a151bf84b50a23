import { SeededRandom } from './random.ts';
import { DEVICE_KINDS, type DemoDeviceKind } from './vitals.ts';

/**
 * The synthetic demo data set, planned once and written by each domain into its own schema.
 * Everything is derived from `seed`, so every process (monolith or one per subgraph) plans the
 * very same ids and values. Never real PHI: names come from short fictional lists.
 */
export interface DemoPlanOptions {
  organizations: number;
  patientsPerOrganization: number;
  cliniciansPerOrganization: number;
  /** Days of observations back from `now`. */
  days: number;
  /** Minutes between two readings of one device. */
  intervalMinutes: number;
  seed: number;
  /** Readings end here; defaults to the start of the current minute. */
  now?: Date;
}

export const SMALL_DEMO: DemoPlanOptions = {
  organizations: 2,
  patientsPerOrganization: 12,
  cliniciansPerOrganization: 4,
  days: 7,
  intervalMinutes: 120,
  seed: 20261123,
};

export interface DemoOrganization {
  id: string;
  name: string;
  clinicians: string[];
}
export interface DemoPatient {
  id: string;
  organizationId: string;
  mrn: string;
  family: string;
  given: string[];
  birthDate: string;
  sex: 'FEMALE' | 'MALE' | 'OTHER' | 'UNKNOWN';
  email: string;
  phone: string;
  careTeam: string[];
  createdAt: Date;
}
export interface DemoDevice {
  id: string;
  organizationId: string;
  serialNumber: string;
  kind: DemoDeviceKind;
  model: string;
  manufacturer: string;
  firmwareVersion: string;
  assignedPatientId: string | null;
  assignedAt: Date | null;
  createdAt: Date;
}
export interface DemoObservation {
  id: string;
  organizationId: string;
  patientId: string;
  deviceId: string;
  code: string;
  value: number;
  unit: string;
  effectiveAt: Date;
}

export interface DemoPlan {
  options: DemoPlanOptions;
  now: Date;
  organizations: DemoOrganization[];
  patients: DemoPatient[];
  devices: DemoDevice[];
  /** How many observations `observations()` yields, for progress reporting. */
  observationCount: number;
  /** Observations are streamed: a large plan has millions. */
  observations(): Generator<DemoObservation>;
}

const ORGANIZATION_NAMES = ['Northwind Clinic', 'Riverside Health', 'Lakeshore Cardiology', 'Hilltop Family Care'];
const FAMILY = ['Okafor', 'Lindqvist', 'Tanaka', 'Moreau', 'Haddad', 'Kowalski', 'Silva', 'Nguyen', 'Brennan', 'Adeyemi'];
const GIVEN = ['Ada', 'Bruno', 'Chiara', 'Dev', 'Elif', 'Farid', 'Greta', 'Hugo', 'Imani', 'Jonas', 'Keiko', 'Luca'];
const MANUFACTURERS = ['Acme Medical', 'Vitalis Devices', 'Meridian Health Tech'];

export function planDemoData(options: DemoPlanOptions): DemoPlan {
  const random = new SeededRandom(options.seed);
  const now = options.now ?? new Date(Math.floor(Date.now() / 60_000) * 60_000);
  const start = new Date(now.getTime() - options.days * 86_400_000);
  const organizations: DemoOrganization[] = [];
  const patients: DemoPatient[] = [];
  const devices: DemoDevice[] = [];

  for (let o = 0; o < options.organizations; o++) {
    const organization: DemoOrganization = {
      id: random.uuid(),
      name: ORGANIZATION_NAMES[o % ORGANIZATION_NAMES.length] + (o >= ORGANIZATION_NAMES.length ? ` ${o + 1}` : ''),
      clinicians: Array.from({ length: options.cliniciansPerOrganization }, () => random.uuid()),
    };
    organizations.push(organization);
    for (let p = 0; p < options.patientsPerOrganization; p++) {
      const family = random.pick(FAMILY);
      const given = [random.pick(GIVEN)];
      patients.push({
        id: random.uuid(),
        organizationId: organization.id,
        mrn: `MRN-${o + 1}-${String(100000 + p).slice(1)}`,
        family,
        given,
        birthDate: `${random.int(1935, 2015)}-${pad(random.int(1, 12))}-${pad(random.int(1, 28))}`,
        sex: random.pick(['FEMALE', 'MALE', 'FEMALE', 'MALE', 'OTHER', 'UNKNOWN'] as const),
        email: `${given[0]!.toLowerCase()}.${family.toLowerCase()}.${o + 1}${p}@example.test`,
        phone: `+1-555-01${pad(p % 100)}`,
        // Each care team is a subset of the organization's clinicians: never all of them.
        careTeam: pickSome(random, organization.clinicians, 1, Math.max(1, organization.clinicians.length - 1)),
        createdAt: new Date(start.getTime() - (options.patientsPerOrganization - p) * 60_000),
      });
    }
    const orgPatients = patients.filter((patient) => patient.organizationId === organization.id);
    const deviceCount = Math.ceil(orgPatients.length * 1.5);
    for (let d = 0; d < deviceCount; d++) {
      const kind = random.pick(Object.keys(DEVICE_KINDS) as DemoDeviceKind[]);
      // Every patient has a device; of the spare devices every other one sits on the shelf.
      const patient = d < orgPatients.length || d % 2 === 0 ? orgPatients[d % orgPatients.length]! : null;
      devices.push({
        id: random.uuid(),
        organizationId: organization.id,
        serialNumber: `SN-${o + 1}${pad(d)}-${random.int(100000, 999999)}`,
        kind,
        model: random.pick(DEVICE_KINDS[kind].models),
        manufacturer: random.pick(MANUFACTURERS),
        firmwareVersion: `${random.int(1, 4)}.${random.int(0, 9)}.${random.int(0, 20)}`,
        assignedPatientId: patient?.id ?? null,
        assignedAt: patient ? start : null,
        createdAt: new Date(start.getTime() - 86_400_000),
      });
    }
  }

  const readingsPerDevice = Math.floor((options.days * 1440) / options.intervalMinutes);
  const assigned = devices.filter((device) => device.assignedPatientId);
  const observationCount = assigned.reduce(
    (total, device) => total + readingsPerDevice * DEVICE_KINDS[device.kind].vitals.length,
    0,
  );

  function* observations(): Generator<DemoObservation> {
    // A separate stream, so planning observations never shifts the ids above.
    const values = new SeededRandom(options.seed ^ 0x5eed);
    for (const device of assigned) {
      for (let i = readingsPerDevice - 1; i >= 0; i--) {
        const effectiveAt = new Date(now.getTime() - i * options.intervalMinutes * 60_000);
        for (const vital of DEVICE_KINDS[device.kind].vitals) {
          const scale = 10 ** vital.decimals;
          const raw = vital.low + values.next() * (vital.high - vital.low);
          yield {
            id: values.uuid(),
            organizationId: device.organizationId,
            patientId: device.assignedPatientId!,
            deviceId: device.id,
            code: vital.code,
            value: Math.round(raw * scale) / scale,
            unit: vital.unit,
            effectiveAt,
          };
        }
      }
    }
  }

  return { options, now, organizations, patients, devices, observationCount, observations };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function pickSome<T>(random: SeededRandom, items: readonly T[], min: number, max: number): T[] {
  const count = random.int(min, Math.min(max, items.length));
  const pool = [...items];
  const picked: T[] = [];
  for (let i = 0; i < count; i++) picked.push(pool.splice(random.int(0, pool.length - 1), 1)[0]!);
  return picked;
}
