import { useCallback, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useMutation } from 'urql';
import { useCurrentQuery } from '../../graphql/use-current-query.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { Loading } from '../../components/FieldStatus.tsx';
import { mutationErrorText } from '../../graphql/input-errors.ts';
import { problemAt, requestProblem } from '../../graphql/field-errors.ts';
import type { PatientByMrnQuery as PatientByMrn } from '../../gql/graphql.ts';
import { AssignDeviceMutation } from './devices-mutations.ts';
import { PatientByMrnQuery } from './devices-query.ts';
import { deviceLabel, type FleetDevice } from './fleet.ts';

type AssignablePatient = NonNullable<PatientByMrn['patients']>['edges'][number]['node'];

function patientLabel(patient: AssignablePatient): string {
  const name = patient.name?.text ?? `Patient ${patient.id.slice(0, 8)}`;
  return patient.mrn ? `${name} (MRN ${patient.mrn})` : name;
}

/**
 * Assigns a device to a patient of the organization, found by MRN, once the admin has confirmed.
 * Looking a patient up by MRN reads that one patient only: a list to choose from would read (and
 * put into the access log of) every patient on it.
 */
export function AssignDeviceDialog(props: {
  device: FleetDevice;
  onAssigned: (device: FleetDevice, patientName: string) => void;
  onClose: () => void;
  /** Where focus goes when the opener is gone (it was in a message the assignment replaced). */
  fallbackFocus: () => HTMLElement | null;
}) {
  const { device } = props;
  const id = useId();
  // The MRN field gets focus when the dialog opens (once).
  const focused = useRef(false);
  const focusField = useCallback((input: HTMLInputElement | null) => {
    if (input && !focused.current) {
      focused.current = true;
      input.focus();
    }
  }, []);
  const [mrn, setMrn] = useState('');
  const [lookedUp, setLookedUp] = useState<string | null>(null);
  const [found] = useCurrentQuery({ query: PatientByMrnQuery, variables: { mrn: lookedUp ?? '' }, pause: lookedUp === null });
  const [{ fetching, error }, assign] = useMutation(AssignDeviceMutation);
  const match = lookedUp !== null && found.data?.patients ? (found.data.patients.edges[0]?.node ?? null) : undefined;
  const chosen = match && match.id !== device.assignedPatient?.id ? match : null;
  const lookupProblem = lookedUp !== null && !found.fetching && !found.data?.patients ? (problemAt(found.error, ['patients']) ?? requestProblem(found.error)) : null;
  const lookUp = () => {
    const text = mrn.trim();
    if (text) setLookedUp(text);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      lookUp();
    }
  };
  const current = device.assignedPatient;

  const confirm = async () => {
    if (!chosen) return;
    const result = await assign({ deviceId: device.id, patientId: chosen.id });
    if (result.data?.assignDevice) props.onAssigned(result.data.assignDevice, chosen.name?.text ?? patientLabel(chosen));
  };

  return (
    <ConfirmDialog
      title={`Assign ${deviceLabel(device)}`}
      confirmLabel={chosen ? `Assign to ${chosen.name?.text ?? 'this patient'}` : 'Assign'}
      busyLabel="Assigning…"
      busy={fetching}
      confirmDisabled={!chosen}
      error={error ? `Not assigned. ${mutationErrorText(error, { deviceId: 'The device', patientId: 'The patient' })}` : null}
      onConfirm={confirm}
      onClose={props.onClose}
      returnFocusTo={(opener) => (opener?.isConnected ? opener : props.fallbackFocus())}
    >
      {current ? (
        <p>
          It is assigned to <strong>{current.name?.text ?? `patient ${current.id.slice(0, 8)}`}</strong> now; assigning it ends that assignment.
        </p>
      ) : (
        <p>It is not assigned to anyone now.</p>
      )}
      <div className="form-field">
        <label htmlFor={`${id}-mrn`}>Patient MRN</label>
        <span className="mrn-lookup">
          <input ref={focusField} id={`${id}-mrn`} data-initial-focus value={mrn} onChange={(event) => setMrn(event.target.value)} onKeyDown={onKeyDown} autoComplete="off" />
          <button type="button" onClick={lookUp} disabled={!mrn.trim() || found.fetching}>
            Find
          </button>
        </span>
        <span className="field-hint">The medical record number of the patient who will use the device.</span>
      </div>
      <div aria-live="polite">
        {found.fetching ? <Loading what="the patient" /> : null}
        {lookupProblem ? <p role="alert">The patient could not be looked up ({lookupProblem}). Try again later.</p> : null}
        {match === null ? <p role="alert">No patient of your organization has the MRN {lookedUp}.</p> : null}
        {match && !chosen ? <p>The device is assigned to this patient already.</p> : null}
      </div>
      {chosen ? (
        <p className="confirm-summary">
          Assign <strong>{deviceLabel(device)}</strong> to <strong>{patientLabel(chosen)}</strong>? Its readings will be recorded for them from now on.
        </p>
      ) : null}
    </ConfirmDialog>
  );
}
