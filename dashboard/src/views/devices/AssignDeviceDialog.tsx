import { useCallback, useId, useRef, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { Loading } from '../../components/FieldStatus.tsx';
import { mutationErrorText } from '../../graphql/input-errors.ts';
import { problemAt, requestProblem } from '../../graphql/field-errors.ts';
import type { AssignablePatientsQuery } from '../../gql/graphql.ts';
import { AssignDeviceMutation } from './devices-mutations.ts';
import { ASSIGNABLE_PATIENTS, AssignablePatientsQuery as PatientsQuery } from './devices-query.ts';
import { deviceLabel, type FleetDevice } from './fleet.ts';

type AssignablePatient = NonNullable<AssignablePatientsQuery['patients']>['edges'][number]['node'];

function patientLabel(patient: AssignablePatient): string {
  const name = patient.name?.text ?? `Patient ${patient.id.slice(0, 8)}`;
  return patient.mrn ? `${name} (MRN ${patient.mrn})` : name;
}

/** Assigns a device to one of the organization's patients, once the admin has chosen and confirmed. */
export function AssignDeviceDialog(props: {
  device: FleetDevice;
  onAssigned: (device: FleetDevice, patientName: string) => void;
  onClose: () => void;
  /** Where focus goes when the opener is gone (it was in a message the assignment replaced). */
  fallbackFocus: () => HTMLElement | null;
}) {
  const { device } = props;
  const id = useId();
  // The patients load after the dialog opens: the choice gets focus when it appears (once).
  const focusedChoice = useRef(false);
  const focusChoice = useCallback((select: HTMLSelectElement | null) => {
    if (select && !focusedChoice.current) {
      focusedChoice.current = true;
      select.focus();
    }
  }, []);
  const [patients] = useQuery({ query: PatientsQuery, variables: { first: ASSIGNABLE_PATIENTS } });
  const [{ fetching, error }, assign] = useMutation(AssignDeviceMutation);
  const [patientId, setPatientId] = useState('');
  const options = (patients.data?.patients?.edges ?? []).map((edge) => edge.node).filter((p) => p.id !== device.assignedPatient?.id);
  const chosen = options.find((p) => p.id === patientId);
  const listProblem = patients.data?.patients ? null : (problemAt(patients.error, ['patients']) ?? requestProblem(patients.error));
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
      {patients.fetching && !patients.data ? <Loading what="the patients" /> : null}
      {listProblem ? <p role="alert">The organization&apos;s patients could not be loaded ({listProblem}). Try again later.</p> : null}
      {patients.data?.patients ? (
        <div className="form-field">
          <label htmlFor={`${id}-patient`}>Patient</label>
          <select ref={focusChoice} id={`${id}-patient`} data-initial-focus value={patientId} onChange={(event) => setPatientId(event.target.value)} required>
            <option value="">Choose a patient…</option>
            {options.map((patient) => (
              <option key={patient.id} value={patient.id}>
                {patientLabel(patient)}
              </option>
            ))}
          </select>
          {patients.data.patients.pageInfo.hasNextPage ? (
            <span className="field-hint">The first {ASSIGNABLE_PATIENTS} patients of the organization are listed.</span>
          ) : null}
        </div>
      ) : null}
      {chosen ? (
        <p className="confirm-summary">
          Assign <strong>{deviceLabel(device)}</strong> to <strong>{patientLabel(chosen)}</strong>? Its readings will be recorded for them from now on.
        </p>
      ) : null}
    </ConfirmDialog>
  );
}
