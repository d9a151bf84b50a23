import { firmwareByModel, type FleetDevice } from './fleet.ts';

/**
 * Which firmware versions each model runs: one line (how many models, how many run mixed
 * versions), opened for the versions per model. Over the devices listed, which is the whole fleet
 * only when it fits one page (the API has no aggregate).
 */
export function FirmwareSummary({ devices, wholeFleet }: { devices: readonly FleetDevice[]; wholeFleet: boolean }) {
  const models = firmwareByModel(devices);
  if (models.length === 0) return null;
  const mixed = models.filter((model) => model.versions.length > 1).length;
  return (
    <details className="firmware-summary">
      <summary>
        Firmware {wholeFleet ? 'in the fleet' : 'on this page'}: {models.length} model{models.length === 1 ? '' : 's'}
        {mixed > 0 ? <>, {mixed} running more than one version</> : ', each on one version'}
      </summary>
      <ul className="firmware-list">
        {models.map((model) => (
          <li key={model.model}>
            <span className="firmware-model">{model.model}</span>{' '}
            {model.versions.map((v, i) => (
              <span key={v.version}>
                {i > 0 ? ', ' : null}
                <code>{v.version}</code> <span className="muted">×{v.count}</span>
              </span>
            ))}
            {model.versions.length > 1 ? <span className="badge badge--warn badge--after">{model.versions.length} versions</span> : null}
          </li>
        ))}
      </ul>
    </details>
  );
}
