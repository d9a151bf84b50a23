import { and, asc, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db, KeyProvider } from '@caregraph/platform';
import { patientKeys } from '../db/schema.ts';
import type { PatientVault } from './patient-vault.ts';

export interface RotationProgress {
  rewrapped: number;
  remaining: number;
}

/**
 * Re-wraps every patient's data key under the KeyProvider's current KEK version, in small
 * transactions, while the platform keeps serving: a reader unwraps with whichever version the row
 * names, and old versions stay in the provider, so reads never wait for or fail on a rotation.
 * Fields are not re-encrypted: the data keys themselves do not change.
 */
export async function rewrapDataKeys(
  db: Db,
  keys: KeyProvider,
  vault: PatientVault,
  options: { batchSize?: number; onProgress?: (progress: RotationProgress) => void } = {},
): Promise<number> {
  const target = await keys.currentVersion();
  const batchSize = options.batchSize ?? 200;
  let rewrapped = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const batch = await db
      .select()
      .from(patientKeys)
      .where(and(lt(patientKeys.kekVersion, target), gt(patientKeys.patientId, after)))
      .orderBy(asc(patientKeys.patientId))
      .limit(batchSize);
    if (batch.length === 0) break;
    await db.transaction(async (tx) => {
      for (const row of batch) {
        const dataKey = await vault.unwrap(row.patientId, { kekId: row.kekId, kekVersion: row.kekVersion, ciphertext: row.wrappedKey });
        const wrapped = await vault.rewrap(row.patientId, dataKey);
        // Only if nobody re-wrapped it meanwhile (two rotations running at once stay correct).
        await tx
          .update(patientKeys)
          .set({ kekId: wrapped.kekId, kekVersion: wrapped.kekVersion, wrappedKey: wrapped.ciphertext, rotatedAt: sql`now()` })
          .where(and(eq(patientKeys.patientId, row.patientId), eq(patientKeys.kekVersion, row.kekVersion)));
      }
    });
    rewrapped += batch.length;
    after = batch.at(-1)!.patientId;
    const [left] = await db.select({ n: sql<number>`count(*)::int` }).from(patientKeys).where(lt(patientKeys.kekVersion, target));
    options.onProgress?.({ rewrapped, remaining: Number(left?.n ?? 0) });
  }
  return rewrapped;
}
