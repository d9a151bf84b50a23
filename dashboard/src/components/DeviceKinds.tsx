const KIND_NAMES: Record<string, string> = {
  PULSE_OXIMETER: 'Pulse oximeter',
  BLOOD_PRESSURE_MONITOR: 'Blood pressure monitor',
  GLUCOSE_METER: 'Glucose meter',
  ECG_PATCH: 'ECG patch',
  THERMOMETER: 'Thermometer',
  WEIGHT_SCALE: 'Weight scale',
};

export function deviceKindName(kind: string | null | undefined): string {
  return kind ? (KIND_NAMES[kind] ?? kind) : 'Unknown device';
}

/** The kinds of a patient's devices, as a short list. */
export function DeviceKinds({ devices }: { devices: readonly { id: string; kind: string | null }[] }) {
  if (devices.length === 0) return <span className="muted">None</span>;
  return (
    <ul className="plain-list">
      {devices.map((device) => (
        <li key={device.id}>{deviceKindName(device.kind)}</li>
      ))}
    </ul>
  );
}
