import { Link } from 'react-router';
import type { CombinedError } from 'urql';
import { routes } from '../../app/routes.ts';
import { deviceKindName } from '../../components/DeviceKinds.tsx';
import { Field } from '../../components/FieldStatus.tsx';
import { problemAt } from '../../graphql/field-errors.ts';
import { timeSince } from '../../vitals/time.ts';
import { deviceStatusName, isOffline, type FleetDevice } from './fleet.ts';

export type RowAction = 'assign' | 'unassign';

/** The fleet: one row per device, with what it is, where it is, when it was last heard from. */
export function DeviceTable(props: {
  devices: readonly FleetDevice[];
  error: CombinedError | undefined;
  staleAfterMinutes: number;
  /** Null: the table is read-only (the caller is not an administrator). */
  onAction: ((action: RowAction, device: FleetDevice) => void) | null;
}) {
  return (
    <div className="table-scroll">
      <table className="data-table" aria-labelledby="devices-heading">
        <thead>
          <tr>
            <th scope="col">Device</th>
            <th scope="col">Model</th>
            <th scope="col">Firmware</th>
            <th scope="col">Status</th>
            <th scope="col">Assigned to</th>
            <th scope="col">Last seen</th>
            {props.onAction ? (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {props.devices.map((device, index) => (
            <DeviceRow
              key={device.id}
              device={device}
              at={['devices', 'edges', index, 'node']}
              error={props.error}
              staleAfterMinutes={props.staleAfterMinutes}
              onAction={props.onAction}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DeviceRow({
  device,
  at,
  error,
  staleAfterMinutes,
  onAction,
}: {
  device: FleetDevice;
  at: (string | number)[];
  error: CombinedError | undefined;
  staleAfterMinutes: number;
  onAction: ((action: RowAction, device: FleetDevice) => void) | null;
}) {
  const problem = (...path: string[]) => problemAt(error, [...at, ...path]);
  const serial = device.serialNumber ?? device.id.slice(0, 8);
  return (
    <tr data-device-id={device.id}>
      <th scope="row">
        <Field problem={problem('kind')}>{deviceKindName(device.kind)}</Field>
        <span className="cell-detail">
          <Field problem={problem('serialNumber')}>
            <code>{device.serialNumber}</code>
          </Field>
        </span>
      </th>
      <td>
        {device.model ?? <span className="muted">—</span>}
        {device.manufacturer ? <span className="cell-detail muted">{device.manufacturer}</span> : null}
      </td>
      <td>{device.firmwareVersion ? <code>{device.firmwareVersion}</code> : <span className="muted">unknown</span>}</td>
      <td>
        <Field problem={problem('status')}>{device.status ? <DeviceStatusBadge status={device.status} /> : null}</Field>
      </td>
      <td>
        <AssignedPatient device={device} problem={problem('assignedPatient')} nameProblem={problem('assignedPatient', 'name')} />
      </td>
      <td>
        <LastSeen device={device} staleAfterMinutes={staleAfterMinutes} />
      </td>
      {onAction ? (
        <td className="row-actions">
          <button type="button" data-action="assign" disabled={device.status === 'RETIRED'} onClick={() => onAction('assign', device)}>
            {device.assignedPatient ? 'Reassign…' : 'Assign…'}
            <span className="visually-hidden"> {serial}</span>
          </button>
          {device.assignedPatient ? (
            <button type="button" data-action="unassign" onClick={() => onAction('unassign', device)}>
              Unassign…<span className="visually-hidden"> {serial}</span>
            </button>
          ) : null}
        </td>
      ) : null}
    </tr>
  );
}

function DeviceStatusBadge({ status }: { status: NonNullable<FleetDevice['status']> }) {
  const tone = status === 'ACTIVE' ? 'ok' : status === 'RETIRED' ? 'muted' : 'warn';
  return <span className={`badge badge--${tone}`}>{deviceStatusName(status)}</span>;
}

/** The patient a device is assigned to: a link to them, their name where the caller may see it. */
function AssignedPatient({
  device,
  problem,
  nameProblem,
}: {
  device: FleetDevice;
  problem: ReturnType<typeof problemAt>;
  nameProblem: ReturnType<typeof problemAt>;
}) {
  const patient = device.assignedPatient;
  if (!patient) return problem ? <Field problem={problem}>{null}</Field> : <span className="muted">Unassigned</span>;
  if (nameProblem) {
    return (
      <>
        <Field problem={nameProblem}>{null}</Field>{' '}
        <Link to={routes.patient(patient.id)} data-assigned-patient={patient.id}>
          patient {patient.id.slice(0, 8)}
        </Link>
      </>
    );
  }
  return (
    <Link to={routes.patient(patient.id)} data-assigned-patient={patient.id}>
      {patient.name?.text ?? `patient ${patient.id.slice(0, 8)}`}
    </Link>
  );
}

/** When the device last sent data, and "offline" when an assigned device has gone quiet. */
function LastSeen({ device, staleAfterMinutes }: { device: FleetDevice; staleAfterMinutes: number }) {
  const offline = isOffline(device, staleAfterMinutes);
  return (
    <>
      {device.lastSeenAt ? <time dateTime={device.lastSeenAt}>{timeSince(device.lastSeenAt)}</time> : <span className="muted">never</span>}
      {offline ? <span className="badge badge--warn badge--after">offline</span> : null}
    </>
  );
}
