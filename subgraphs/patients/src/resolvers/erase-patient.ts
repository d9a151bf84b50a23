import { CaregraphError, isId, notFound } from '@caregraph/schema-standards';
import { organizationOf, type SubgraphTransport } from '@caregraph/platform';
import type { PatientsContext } from '../context.ts';

/** Runs one internal mutation in another domain, as the caller; any error stops the erasure. */
async function askPeer(peer: SubgraphTransport, field: string, patientId: string, context: PatientsContext): Promise<number> {
  const result = await peer
    .execute({ query: `mutation ($p: ID!) { ${field}(patientId: $p) }`, variables: { p: patientId } }, context.request)
    .catch((error: unknown) => {
      process.stderr.write(`[caregraph] erasure: ${peer.name} unreachable: ${error instanceof Error ? error.message : String(error)}\n`);
      return null;
    });
  const count = result?.data?.[field];
  if (!result || result.errors?.length || typeof count !== 'number') {
    throw new CaregraphError('SERVICE_UNAVAILABLE', `The ${peer.name} service could not erase the patient's data; nothing was erased there. Retry.`, {
      service: peer.name,
    });
  }
  return count;
}

/**
 * Right to erasure. The other domains drop the patient's data first (each in its own transaction,
 * with its own audit event; a retry is safe), then the patient's data key and record go in one
 * transaction with the audit event. Until the last step succeeds the patient still exists, so a
 * failed erasure can simply be run again.
 */
export async function erasePatient(_: unknown, args: { id: string }, context: PatientsContext) {
  organizationOf(context.request);
  const patient = isId(args.id) ? await context.loaders.patientById.load(args.id) : null;
  if (!patient) throw notFound('Patient');
  const observationsDeleted = await askPeer(context.peers.observations, 'eraseObservationsOfPatient', patient.id, context);
  const devicesUnassigned = await askPeer(context.peers.devices, 'forgetPatient', patient.id, context);
  await context.repository.erase(patient, (tx) => context.audit.write('delete', 'Patient', patient.id, patient.id, ['*'], tx));
  context.loaders.patientById.clear(patient.id);
  return { patientId: patient.id, observationsDeleted, devicesUnassigned };
}
