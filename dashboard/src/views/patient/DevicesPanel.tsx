import { deviceKindName } from '../../components/DeviceKinds.tsx';
import { Panel } from '../../components/FieldStatus.tsx';
import type { FieldProblem } from '../../graphql/field-errors.ts';
import type { DeviceSummaryFragment } from '../../gql/graphql.ts';
import { timeSince } from '../../vitals/time.ts';

type Devices = readonly DeviceSummaryFragment[] | null;

/** The patient's assigned devices; marked unavailable in place when the devices domain is down. */
export function DevicesPanel({ devices, problem }: { devices: Devices; problem: FieldProblem | null }) {
  return (
    <Panel title="Devices" id="devices" problem={problem}>
      {devices && devices.length > 0 ? (
        <table className="data-table compact">
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Model</th>
              <th scope="col">Firmware</th>
              <th scope="col">Last seen</th>
            </tr>
          </thead>
          <tbody>
            {devices.map((device) => (
              <tr key={device.id}>
                <th scope="row">
                  {deviceKindName(device.kind)}
                  {device.serialNumber ? <span className="muted"> {device.serialNumber}</span> : null}
                </th>
                <td>{[device.manufacturer, device.model].filter(Boolean).join(' ')}</td>
                <td>{device.firmwareVersion ?? '—'}</td>
                <td>{device.lastSeenAt ? <time dateTime={device.lastSeenAt}>{timeSince(device.lastSeenAt)}</time> : 'never'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">No devices assigned.</p>
      )}
    </Panel>
  );
}
