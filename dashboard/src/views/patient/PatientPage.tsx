import { useParams } from 'react-router';
import { useSession } from '../../auth/AuthProvider.tsx';
import { AccessLogPanel } from '../access-log/AccessLogPanel.tsx';
import { Field, Loading, Panel } from '../../components/FieldStatus.tsx';
import { problemAt, requestProblem } from '../../graphql/field-errors.ts';
import { LatestVitalList } from '../../vitals/LatestVitals.tsx';
import { useReferenceRanges } from '../../vitals/useReferenceRanges.ts';
import { DevicesPanel } from './DevicesPanel.tsx';
import { PatientRecordQuery } from './patient-query.ts';
import { VitalsOverTime } from './VitalsChartPanel.tsx';
import { useCurrentQuery } from '../../graphql/use-current-query.ts';

/**
 * One patient: demographics and care team (patients domain), devices (devices domain), latest
 * vitals and the chart (observations domain). Each panel stands on its own: a domain that is down
 * or a field the caller may not see marks that panel, and the rest of the page works.
 */
export function PatientPage() {
  const { patientId = '' } = useParams();
  const { principal } = useSession();
  const [{ data, error, fetching }] = useCurrentQuery({ query: PatientRecordQuery, variables: { id: patientId } });
  const ranges = useReferenceRanges();
  const patient = data?.patient;

  if (fetching && !data) return <Loading what="the patient" />;
  if (!patient) {
    const problem = problemAt(error, ['patient']) ?? requestProblem(error) ?? 'not-found';
    return (
      <>
        <h1>Patient</h1>
        <Panel title="Patient record" id="patient" problem={problem}>
          {null}
        </Panel>
      </>
    );
  }
  const at = (...path: string[]) => problemAt(error, ['patient', ...path]);
  const vitalsProblem = at('latestVitals');
  const latest = patient.latestVitals ?? [];
  return (
    <>
      <h1>
        <Field problem={at('name')}>{patient.name?.text}</Field>
      </h1>
      <div className="panels">
        <Panel title="Demographics" id="demographics">
          <dl className="facts">
            <dt>MRN</dt>
            <dd>
              <Field problem={at('mrn')}>{patient.mrn}</Field>
            </dd>
            <dt>Date of birth</dt>
            <dd>
              <Field problem={at('birthDate')}>{patient.birthDate}</Field>
            </dd>
            <dt>Age</dt>
            <dd>
              <Field problem={at('ageBand')}>{patient.ageBand}</Field>
            </dd>
            <dt>Sex</dt>
            <dd>
              <Field problem={at('sex')}>{patient.sex?.toLowerCase()}</Field>
            </dd>
            <dt>Contact</dt>
            <dd>
              <Field problem={at('contact')}>
                {[patient.contact?.email, patient.contact?.phone].filter(Boolean).join(' · ') || <span className="muted">none</span>}
              </Field>
            </dd>
          </dl>
        </Panel>
        <Panel title="Care team" id="care-team" problem={at('careTeam')}>
          {patient.careTeam && patient.careTeam.length > 0 ? (
            <ul className="plain-list">
              {patient.careTeam.map((member) => (
                <li key={member}>{member}</li>
              ))}
            </ul>
          ) : (
            <p className="muted">No clinicians assigned.</p>
          )}
        </Panel>
        <DevicesPanel devices={patient.devices} problem={at('devices')} />
        <Panel title="Latest vitals" id="latest-vitals" problem={vitalsProblem}>
          <LatestVitalList vitals={latest} ranges={ranges} />
        </Panel>
      </div>
      <VitalsOverTime patientId={patient.id} latest={latest} problem={vitalsProblem} />
      {/* The accounting of disclosures is the patient's and their organization's administrators' to read (the API decides). */}
      {principal.role === 'org_admin' ? <AccessLogPanel patientId={patient.id} /> : null}
    </>
  );
}
