import { useId, useRef, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import type { DeviceKind, RegisterDeviceInput } from '../../gql/graphql.ts';
import { inputProblemsOf } from '../../graphql/input-errors.ts';
import { RegisterDeviceMutation } from './devices-mutations.ts';
import { DEVICE_KINDS, type FleetDevice } from './fleet.ts';

type TextField = 'serialNumber' | 'model' | 'manufacturer' | 'firmwareVersion';
interface Draft {
  kind: DeviceKind;
  serialNumber: string;
  model: string;
  manufacturer: string;
  firmwareVersion: string;
}
const EMPTY: Draft = { kind: 'PULSE_OXIMETER', serialNumber: '', model: '', manufacturer: '', firmwareVersion: '' };

/** The inputs, with the rules the schema states for them (the API checks them; its refusal shows next to the input). */
const TEXT_FIELDS: readonly { name: TextField; label: string; hint: string; required?: boolean }[] = [
  { name: 'serialNumber', label: 'Serial number', hint: '1-64 letters, digits, dots or dashes; unique in your organization.', required: true },
  { name: 'model', label: 'Model', hint: 'Optional, at most 100 characters.' },
  { name: 'manufacturer', label: 'Manufacturer', hint: 'Optional, at most 100 characters.' },
  { name: 'firmwareVersion', label: 'Firmware version', hint: 'Optional: letters, digits and . + _ -, at most 32 characters.' },
];

function inputOf(draft: Draft): RegisterDeviceInput {
  const optional = (value: string) => (value.trim() ? value : undefined);
  return {
    kind: draft.kind,
    serialNumber: draft.serialNumber,
    model: optional(draft.model),
    manufacturer: optional(draft.manufacturer),
    firmwareVersion: optional(draft.firmwareVersion),
  };
}

/**
 * Registers a device in the organization (it starts active and unassigned). What the API refuses
 * is shown next to the input it names, and what was typed stays.
 */
export function RegisterDeviceForm({ onRegistered }: { onRegistered: (device: FleetDevice) => void }) {
  const id = useId();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [{ fetching, error }, register] = useMutation(RegisterDeviceMutation);
  const [shownError, setShownError] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const problems = inputProblemsOf(shownError ? error : undefined);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await register({ input: inputOf(draft) });
    const device = result.data?.registerDevice;
    if (device) {
      setShownError(false);
      setDraft(EMPTY);
      onRegistered(device);
      return;
    }
    setShownError(true);
    // Focus the first input the API refused, so its reason is read out with it.
    const refused = inputProblemsOf(result.error);
    const first = ['kind', ...TEXT_FIELDS.map((f) => f.name)].find((name) => refused.fields.has(name));
    if (first) requestAnimationFrame(() => form.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus());
  };

  const setText = (name: TextField, value: string) => setDraft((d) => ({ ...d, [name]: value }));
  const setKind = (value: string) => setDraft((d) => ({ ...d, kind: DEVICE_KINDS.find((k) => k.value === value)?.value ?? d.kind }));
  const refusedLabels = TEXT_FIELDS.filter((f) => problems.fields.has(f.name)).map((f) => f.label.toLowerCase());
  const summary = [...(refusedLabels.length ? [`check the ${refusedLabels.join(', ')}.`] : []), ...problems.other];
  return (
    <form ref={form} className="register-form" onSubmit={onSubmit}>
      <div className="form-field">
        <label htmlFor={`${id}-kind`}>Kind</label>
        <select
          id={`${id}-kind`}
          name="kind"
          value={draft.kind}
          onChange={(event) => setKind(event.target.value)}
          aria-invalid={problems.fields.has('kind') || undefined}
          aria-describedby={problems.fields.has('kind') ? `${id}-kind-error` : undefined}
        >
          {DEVICE_KINDS.map((kind) => (
            <option key={kind.value} value={kind.value}>
              {kind.label}
            </option>
          ))}
        </select>
        <FieldError id={`${id}-kind-error`} label="Kind" reason={problems.fields.get('kind')} />
      </div>
      {TEXT_FIELDS.map((field) => {
        const reason = problems.fields.get(field.name);
        return (
          <div className="form-field" key={field.name}>
            <label htmlFor={`${id}-${field.name}`}>
              {field.label}
              {field.required ? <span aria-hidden="true"> *</span> : null}
            </label>
            <input
              id={`${id}-${field.name}`}
              name={field.name}
              value={draft[field.name]}
              required={field.required}
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => setText(field.name, event.target.value)}
              aria-invalid={reason ? true : undefined}
              aria-describedby={`${reason ? `${id}-${field.name}-error ` : ''}${id}-${field.name}-hint`}
            />
            <span id={`${id}-${field.name}-hint`} className="field-hint">
              {field.hint}
            </span>
            <FieldError id={`${id}-${field.name}-error`} label={field.label} reason={reason} />
          </div>
        );
      })}
      {summary.length ? (
        <p className="form-error" role="alert">
          Not registered: {summary.join(' ')}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={fetching}>
          {fetching ? 'Registering…' : 'Register device'}
        </button>
        <button
          type="button"
          disabled={fetching}
          onClick={() => {
            setDraft(EMPTY);
            setShownError(false);
          }}
        >
          Clear
        </button>
      </div>
    </form>
  );
}

/** The API's reason for refusing one input, next to it. */
function FieldError({ id, label, reason }: { id: string; label: string; reason: string | undefined }) {
  if (!reason) return null;
  return (
    <span id={id} className="field-error" data-field-error>
      {label} {reason}
    </span>
  );
}
