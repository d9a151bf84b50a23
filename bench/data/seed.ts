import postgres from 'postgres';
import { applyMigrations, auditMigrations, openDatabase, phiKeysFrom, planDemoData, writeDemoData } from '@caregraph/platform';
import { DOMAIN_SERVICES } from '@caregraph/router/services';
import { DENSE_DAYS, INGEST_DEVICES, type BenchSettings } from '../settings.ts';
import { chooseDataset, withShelfDevices, type BenchDataset } from './dataset.ts';

const MINUTES_PER_DENSE_SERIES = DENSE_DAYS * 1440;
const HEART_RATE = { code: '8867-4', unit: '/min' };

export interface SeedOutcome {
  dataset: BenchDataset;
  counts: { organizations: number; patients: number; devices: number; observations: number };
  seconds: number;
}

/**
 * Seeds the bench data set into an empty database: the platform's own migrations and demo writers
 * for patients (encrypted like any other), devices and sparse vitals, then the dense per-minute
 * heart rate generated inside PostgreSQL (one INSERT … SELECT per patient: nothing crosses the wire).
 */
export async function seedBenchData(databaseUrl: string, keysFile: string, settings: BenchSettings): Promise<SeedOutcome> {
  const started = performance.now();
  const now = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  const base = planDemoData({
    organizations: 2,
    patientsPerOrganization: settings.patientsPerOrganization,
    cliniciansPerOrganization: 4,
    days: settings.sparseDays,
    intervalMinutes: settings.sparseIntervalMinutes,
    seed: 20261207,
    now,
  });
  const plan = withShelfDevices(base, settings.shelfDevices);
  // The dense series ends where the sparse readings begin, so a W3 chart covers exactly its rows.
  const denseTo = new Date(now.getTime() - settings.sparseDays * 86_400_000);
  const denseFrom = new Date(denseTo.getTime() - MINUTES_PER_DENSE_SERIES * 60_000);
  const dataset = chooseDataset(plan, settings.densePatients, INGEST_DEVICES, { from: denseFrom, to: denseTo });

  const database = await openDatabase({ url: databaseUrl, maxConnections: 2 });
  try {
    await applyMigrations(database, auditMigrations);
    for (const service of DOMAIN_SERVICES) await applyMigrations(database, service.migrations);
    await writeDemoData({ db: database.db, phiKeys: phiKeysFrom({ keysFile }) }, DOMAIN_SERVICES, plan);
  } finally {
    await database.close();
  }

  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    for (const patientId of dataset.densePatientIds) {
      const device = plan.devices.find((d) => d.assignedPatientId === patientId)!;
      // Values are a fixed function of the minute, so every run charts the same series.
      // Each reading with its idempotency key (observation_keys), as ingestion stores them.
      await sql`
        with o as (
          insert into observations.observations
            (id, organization_id, patient_id, device_id, code, value, unit, effective_at, received_at, status, source_id)
          select md5(${patientId}::text || ':' || n)::uuid, ${device.organizationId}::uuid, ${patientId}::uuid, ${device.id}::uuid,
                 ${HEART_RATE.code}, 60 + ((n * 7919) % 41), ${HEART_RATE.unit},
                 ${denseFrom}::timestamptz + n * interval '1 minute', ${denseFrom}::timestamptz + n * interval '1 minute',
                 'FINAL', ${device.id}
          from generate_series(0, ${MINUTES_PER_DENSE_SERIES - 1}::int) as n
          returning id, organization_id, source_id, effective_at
        )
        insert into observations.observation_keys (organization_id, source_id, idempotency_key, observation_id, effective_at)
        select organization_id, source_id, 'bench-hr-' || id, id, effective_at from o`;
    }
    await sql`analyze`;
    const [row] = await sql<{ count: number }[]>`select count(*)::int as count from observations.observations`;
    return {
      dataset,
      counts: { organizations: plan.organizations.length, patients: plan.patients.length, devices: plan.devices.length, observations: row!.count },
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await sql.end();
  }
}
