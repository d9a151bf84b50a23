import { useRef } from 'react';
import { useMutation } from 'urql';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { mutationErrorText } from '../../graphql/input-errors.ts';
import { UnassignDeviceMutation } from './devices-mutations.ts';
import { deviceLabel, type FleetDevice } from './fleet.ts';

/** Ends a device's assignment, once the admin has confirmed. */
export function UnassignDeviceDialog(props: {
  device: FleetDevice;
  onUnassigned: (device: FleetDevice, patientName: string) => void;
  onClose: () => void;
  /** Where focus goes once it is unassigned (its Unassign button goes away with the assignment). */
  fallbackFocus: () => HTMLElement | null;
}) {
  const { device } = props;
  const unassigned = useRef(false);
  const [{ fetching, error }, unassign] = useMutation(UnassignDeviceMutation);
  const patient = device.assignedPatient;
  const patientName = patient ? (patient.name?.text ?? `patient ${patient.id.slice(0, 8)}`) : 'its patient';

  const confirm = async () => {
    const result = await unassign({ deviceId: device.id });
    if (result.data?.unassignDevice) {
      unassigned.current = true;
      props.onUnassigned(result.data.unassignDevice, patientName);
    }
  };

  return (
    <ConfirmDialog
      title={`Unassign ${deviceLabel(device)}`}
      confirmLabel="Unassign"
      busyLabel="Unassigning…"
      tone="danger"
      busy={fetching}
      error={error ? `Not unassigned. ${mutationErrorText(error, { deviceId: 'The device' })}` : null}
      onConfirm={confirm}
      onClose={props.onClose}
      returnFocusTo={(opener) => (unassigned.current ? props.fallbackFocus() : opener)}
    >
      <p>
        Unassign <strong>{deviceLabel(device)}</strong> from <strong>{patientName}</strong>? Readings it sends are no longer recorded for them;
        the readings already recorded stay in their record.
      </p>
    </ConfirmDialog>
  );
}
