import { useSession } from '../../auth/AuthProvider.tsx';
import { Field, Loading, Panel } from '../../components/FieldStatus.tsx';
import type { MyRecordQuery as MyRecordResult } from '../../gql/graphql.ts';
import { problemAt, requestProblem, type FieldProblem } from '../../graphql/field-errors.ts';
import { LatestVitalList } from '../../vitals/LatestVitals.tsx';
import { useReferenceRanges } from '../../vitals/useReferenceRanges.ts';
import { AccessLogPanel } from '../access-log/AccessLogPanel.tsx';
import { DevicesPanel } from '../patient/DevicesPanel.tsx';
import { VitalsOverTime } from '../patient/VitalsChartPanel.tsx';
import { MyRecordQuery } from './my-record-query.ts';
import { useCurrentQuery } from '../../graphql/use-current-query.ts';

type OwnPatientRecord = NonNullable<MyRecordResult['patient']>;

/**
 * My record (patient role): the signed-in patient's own details, devices, latest vitals and chart,
 * and who has looked at the record. The patient is the one the token names (its patient claim).
 */
export function MyRecord() {
  const { principal } = useSession();
  if (!principal.patientId) {
    return (
      <>
        <h1>My record</h1>
        <Panel title="Your record" id="my-record">
          <p>Your sign-in names no patient record, so there is none to show. Ask your care provider to link your account to your record.</p>
        </Panel>
      </>
    );
  }
  return <OwnRecord patientId={principal.patientId} />;
}

function OwnRecord({ patientId }: { patientId: string }) {
  const [{ data, error, fetching }] = useCurrentQuery({ query: MyRecordQuery, variables: { id: patientId } });
  const ranges = useReferenceRanges();
  const patient = data?.patient;

  if (fetching && !data) return <Loading what="your record" />;
  if (!patient) {
    return (
      <>
        <h1>My record</h1>
        <Panel title="Your record" id="my-record" problem={problemAt(error, ['patient']) ?? requestProblem(error) ?? 'not-found'}>
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
        My record<span className="muted">: </span>
        <Field problem={at('name')}>{patient.name?.text}</Field>
      </h1>
      <div className="panels">
        <AboutMe patient={patient} at={at} />
        <Panel title="Latest vitals" id="latest-vitals" problem={vitalsProblem}>
          <LatestVitalList vitals={latest} ranges={ranges} />
        </Panel>
        <DevicesPanel devices={patient.devices} problem={at('devices')} />
      </div>
      <VitalsOverTime patientId={patient.id} latest={latest} problem={vitalsProblem} />
      <AccessLogPanel patientId={patient.id} />
    </>
  );
}

/** The patient's own details, as the record holds them. */
function AboutMe({ patient, at }: { patient: OwnPatientRecord; at: (...path: string[]) => FieldProblem | null }) {
  return (
    <Panel title="About me" id="about-me">
      <dl className="facts">
        <dt>Name</dt>
        <dd>
          <Field problem={at('name')}>{patient.name?.text}</Field>
        </dd>
        <dt>Date of birth</dt>
        <dd>
          <Field problem={at('birthDate')}>{patient.birthDate ?? <span className="muted">not recorded</span>}</Field>
        </dd>
        <dt>Sex</dt>
        <dd>
          <Field problem={at('sex')}>{patient.sex?.toLowerCase() ?? <span className="muted">not recorded</span>}</Field>
        </dd>
        <dt>Record number</dt>
        <dd>
          <Field problem={at('mrn')}>{patient.mrn}</Field>
        </dd>
        <dt>Contact</dt>
        <dd>
          <Field problem={at('contact')}>
            {[patient.contact?.email, patient.contact?.phone].filter(Boolean).join(' · ') || <span className="muted">none</span>}
          </Field>
        </dd>
      </dl>
    </Panel>
  );
}
