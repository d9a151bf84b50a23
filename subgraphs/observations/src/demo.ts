import type { Db, DemoPlan } from '@caregraph/platform';
import { observationKeys, observations } from './db/schema.ts';

const BATCH = 2_000;

/**
 * Writes the observations of a demo plan in multi-row batches; returns false (writing nothing) if
 * observations exist. `onProgress` is called after each batch with the running total.
 */
export async function writeDemoObservations(
  db: Db,
  plan: DemoPlan,
  onProgress?: (written: number, total: number) => void,
): Promise<boolean> {
  const existing = await db.select({ id: observations.id }).from(observations).limit(1);
  if (existing.length > 0) return false;
  let batch: (typeof observations.$inferInsert)[] = [];
  let keys: (typeof observationKeys.$inferInsert)[] = [];
  let written = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const [rows, keyRows] = [batch, keys];
    await db.transaction(async (tx) => {
      await tx.insert(observations).values(rows);
      await tx.insert(observationKeys).values(keyRows);
    });
    written += batch.length;
    batch = [];
    keys = [];
    onProgress?.(written, plan.observationCount);
  };
  for (const o of plan.observations()) {
    batch.push({
      id: o.id,
      organizationId: o.organizationId,
      patientId: o.patientId,
      deviceId: o.deviceId,
      code: o.code,
      value: o.value,
      unit: o.unit,
      effectiveAt: o.effectiveAt,
      receivedAt: o.effectiveAt,
      status: 'FINAL',
      sourceId: o.deviceId,
    });
    keys.push({ organizationId: o.organizationId, sourceId: o.deviceId, idempotencyKey: `demo-${o.id}`, observationId: o.id, effectiveAt: o.effectiveAt });
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  return true;
}
