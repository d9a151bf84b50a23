import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useSession } from '../../auth/AuthProvider.tsx';
import { CursorPager, InvalidCursorNotice, useCursor } from '../../components/CursorPager.tsx';
import { Loading, Panel } from '../../components/FieldStatus.tsx';
import { config } from '../../config.ts';
import { problemAt, requestProblem } from '../../graphql/field-errors.ts';
import { inputProblemsOf } from '../../graphql/input-errors.ts';
import { AssignDeviceDialog } from './AssignDeviceDialog.tsx';
import { DEVICE_PAGE_SIZE, DeviceFleetQuery } from './devices-query.ts';
import { DeviceTable, type RowAction } from './DeviceTable.tsx';
import { deviceLabel, type FleetDevice } from './fleet.ts';
import { FirmwareSummary } from './FirmwareSummary.tsx';
import { RegisterDeviceForm } from './RegisterDeviceForm.tsx';
import { UnassignDeviceDialog } from './UnassignDeviceDialog.tsx';
import { useCurrentQuery } from '../../graphql/use-current-query.ts';

interface Pending {
  action: RowAction;
  device: FleetDevice;
}

interface Announcement {
  text: string;
  /** A device just registered: offered for assignment at once. */
  registered?: FleetDevice;
}

const ANNOUNCEMENT_ID = 'fleet-announcement';

/** Where focus goes when a dialog's opener is gone: the row's assign button (always there), else the announcement. */
function focusAfterDialog(deviceId: string): HTMLElement | null {
  return (
    document.querySelector<HTMLElement>(`tr[data-device-id="${CSS.escape(deviceId)}"] [data-action="assign"]`) ??
    document.getElementById(ANNOUNCEMENT_ID)
  );
}

function hours(minutes: number): string {
  return minutes < 60 ? `${minutes} min` : `${Math.round((minutes / 60) * 10) / 10} h`;
}

/**
 * The organization's device fleet (administrators): what each device is, its firmware, status,
 * assignment and when it was last heard from; register, assign and unassign (each confirmed).
 * Pages come from the connection (`after` in the URL), oldest device first, as the API lists them.
 */
export function DeviceFleet() {
  const { principal } = useSession();
  // Registering and assigning are for administrators; others get the table read-only (the API decides either way).
  const manages = principal.role === 'org_admin';
  const [params] = useSearchParams();
  const after = useCursor();
  const staleAfterMinutes = Number(params.get('staleAfter')) || config.staleAfterMinutes;
  // urql's document cache drops every cached query holding a Device when a mutation returns one
  // (the documents select __typename: codegen.ts), which is how the patient pages learn of an
  // assignment. This page also shows what is cached and refetches (a page seen before is current
  // when revisited), and a mutation that succeeded refetches the page shown.
  const [{ data, error, fetching }, reexecute] = useCurrentQuery({
    query: DeviceFleetQuery,
    variables: { first: DEVICE_PAGE_SIZE, after },
    requestPolicy: 'cache-and-network',
  });
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  const [pending, setPending] = useState<Pending | null>(null);
  const [announcement, setAnnouncement] = useState<Announcement | null>(null);

  const connection = data?.devices;
  const devices = connection?.edges.map((edge) => edge.node) ?? [];
  const badCursor = inputProblemsOf(error, '').fields.has('after');
  const listProblem = connection || badCursor ? null : (requestProblem(error) ?? problemAt(error, ['devices']));
  const close = () => setPending(null);

  return (
    <>
      <h1>Devices</h1>
      {manages ? (
        <details className="panel register-panel">
          <summary>Register a device</summary>
          <RegisterDeviceForm
            onRegistered={(device) => {
              setAnnouncement({
                text: `Registered ${deviceLabel(device)}: active and unassigned. The fleet lists devices oldest first, so it is at the end.`,
                registered: device,
              });
              refresh();
            }}
          />
        </details>
      ) : null}

      <div id={ANNOUNCEMENT_ID} className="announcement" role="status" aria-live="polite" tabIndex={-1}>
        {announcement ? (
          <>
            <span>{announcement.text}</span>
            {announcement.registered ? (
              <button type="button" onClick={() => setPending({ action: 'assign', device: announcement.registered! })}>
                Assign it now…
              </button>
            ) : null}
          </>
        ) : null}
      </div>

      <Panel title="Fleet" id="devices" problem={listProblem}>
        {badCursor ? <InvalidCursorNotice /> : null}
        {fetching && !connection ? <Loading what="devices" /> : null}
        {connection ? (
          <>
            <p className="muted panel-intro">
              {devices.length === 0 && !after
                ? 'No devices are registered in your organization yet.'
                : `${devices.length} device${devices.length === 1 ? '' : 's'} on this page. "Offline": assigned and not heard from for ${hours(staleAfterMinutes)}.`}
            </p>
            <FirmwareSummary devices={devices} wholeFleet={!after && !connection.pageInfo.hasNextPage} />
            {devices.length > 0 ? (
              <DeviceTable devices={devices} error={error} staleAfterMinutes={staleAfterMinutes} onAction={manages ? (action, device) => setPending({ action, device }) : null} />
            ) : null}
            <CursorPager pageInfo={connection.pageInfo} label="Fleet pages" />
          </>
        ) : null}
      </Panel>

      {pending?.action === 'assign' ? (
        <AssignDeviceDialog
          device={pending.device}
          onClose={close}
          fallbackFocus={() => focusAfterDialog(pending.device.id)}
          onAssigned={(device, patientName) => {
            setAnnouncement({ text: `Assigned ${deviceLabel(device)} to ${patientName}.` });
            close();
            refresh();
          }}
        />
      ) : null}
      {pending?.action === 'unassign' ? (
        <UnassignDeviceDialog
          device={pending.device}
          onClose={close}
          fallbackFocus={() => focusAfterDialog(pending.device.id)}
          onUnassigned={(device, patientName) => {
            setAnnouncement({ text: `Unassigned ${deviceLabel(device)} from ${patientName}.` });
            close();
            refresh();
          }}
        />
      ) : null}
    </>
  );
}
