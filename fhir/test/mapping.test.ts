import { describe, expect, it } from 'vitest';
import { planDemoData, SMALL_DEMO } from '@caregraph/platform';
import { bloodPressureToFhir, deviceToFhir, observationsToFhir, observationToFhir, operationOutcome, patientToFhir, type DeviceRecord, type ObservationRecord, type PatientRecord } from '../src/index.ts';
import { fhirProblems } from './r4-validator.ts';

const plan = planDemoData(SMALL_DEMO);

function observationRecords(): ObservationRecord[] {
  return [...plan.observations()].map((o) => ({
    id: o.id,
    patientId: o.patientId,
    deviceId: o.deviceId,
    code: o.code,
    display: null,
    value: o.value,
    unit: o.unit,
    effectiveAt: o.effectiveAt.toISOString(),
    receivedAt: o.effectiveAt.toISOString(),
    status: 'FINAL',
  }));
}

function patientRecord(index: number, withheld: string[] = []): PatientRecord {
  const p = plan.patients[index]!;
  const hide = (field: string) => withheld.includes(field);
  return {
    id: p.id,
    organizationId: p.organizationId,
    mrn: hide('mrn') ? null : p.mrn,
    name: hide('name') ? null : { family: p.family, given: p.given, text: `${p.given.join(' ')} ${p.family}` },
    birthDate: hide('birthDate') ? null : p.birthDate,
    sex: p.sex,
    contact: hide('contact') ? null : { email: p.email, phone: p.phone },
    createdAt: p.createdAt.toISOString(),
    withheld,
  };
}

describe('FHIR R4 mappings, validated against the R4 structure definitions and the vital-signs profiles', () => {
  it('maps every reading of the demo data to a valid Observation of its profile, blood pressure as the panel', () => {
    const records = observationRecords();
    const resources = observationsToFhir(records);
    const codes = new Set(resources.map((r) => r.code.coding![0]!.code));
    expect(codes).toEqual(new Set(['8867-4', '9279-1', '59408-5', '8310-5', '29463-7', '2339-0', '85354-9']));
    // Each systolic reading and its diastolic are one panel.
    expect(resources.length).toBe(records.length - records.filter((r) => r.code === '8462-4').length);
    const seen = new Set<string>();
    for (const resource of resources) {
      const code = resource.code.coding![0]!.code!;
      if (seen.has(code)) continue; // one of each kind is enough for the validator (the mapping is the same code)
      seen.add(code);
      expect(fhirProblems(resource), code).toEqual([]);
    }
  });

  it('writes the vital-signs essentials: category, LOINC, UCUM quantity, subject, effective time, device, profile', () => {
    const heartRate = observationRecords().find((r) => r.code === '8867-4')!;
    expect(observationToFhir({ ...heartRate, display: 'Heart rate' })).toMatchObject({
      resourceType: 'Observation',
      id: heartRate.id,
      meta: { profile: ['http://hl7.org/fhir/StructureDefinition/heartrate'], lastUpdated: heartRate.receivedAt },
      status: 'final',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
      code: { coding: [{ system: 'http://loinc.org', code: '8867-4', display: 'Heart rate' }] },
      valueQuantity: { value: heartRate.value, unit: '/min', system: 'http://unitsofmeasure.org', code: '/min' },
      subject: { reference: `Patient/${heartRate.patientId}` },
      effectiveDateTime: heartRate.effectiveAt,
      device: { reference: `Device/${heartRate.deviceId}` },
    });
    // Oxygen saturation: the profile requires LOINC 2708-6 beside ours (59408-5, by pulse oximetry).
    const spo2 = observationToFhir(observationRecords().find((r) => r.code === '59408-5')!);
    expect(spo2.code.coding!.map((c) => c.code)).toEqual(['59408-5', '2708-6']);
  });

  it('writes blood pressure as 85354-9 with systolic and diastolic components, and its status as the least final part', () => {
    const records = observationRecords();
    const systolic = records.find((r) => r.code === '8480-6')!;
    const diastolic = records.find((r) => r.code === '8462-4' && r.effectiveAt === systolic.effectiveAt && r.deviceId === systolic.deviceId)!;
    const panel = bloodPressureToFhir(systolic, { ...diastolic, status: 'AMENDED' });
    expect(panel.component!.map((c) => [c.code.coding![0]!.code, c.valueQuantity!.value, c.valueQuantity!.code])).toEqual([
      ['8480-6', systolic.value, 'mm[Hg]'],
      ['8462-4', diastolic.value, 'mm[Hg]'],
    ]);
    expect(panel.status).toBe('amended');
    expect(bloodPressureToFhir({ ...systolic, status: 'ENTERED_IN_ERROR' }, diastolic).status).toBe('entered-in-error');
    expect(fhirProblems(panel)).toEqual([]);
    expect(() => bloodPressureToFhir(diastolic, systolic)).toThrow(/systolic/);
  });

  it('maps a patient with identifier, name, telecom, gender and birth date, valid', () => {
    const record = patientRecord(0);
    const patient = patientToFhir(record);
    expect(patient).toMatchObject({
      resourceType: 'Patient',
      identifier: [{ system: `https://caregraph.dev/fhir/sid/mrn/${record.organizationId}`, value: record.mrn, type: { coding: [{ code: 'MR' }] } }],
      name: [{ family: record.name!.family, given: record.name!.given }],
      telecom: [
        { system: 'phone', value: record.contact!.phone },
        { system: 'email', value: record.contact!.email },
      ],
      birthDate: record.birthDate,
    });
    expect(patient.meta?.security).toBeUndefined();
    expect(fhirProblems(patient)).toEqual([]);
  });

  it('leaves out what the caller may not see and says so (meta.security REDACTED); a de-identified caller gets no identifiers', () => {
    const patient = patientToFhir(patientRecord(1, ['mrn', 'name', 'birthDate', 'contact']));
    expect(patient.identifier).toBeUndefined();
    expect(patient.name).toBeUndefined();
    expect(patient.telecom).toBeUndefined();
    expect(patient.birthDate).toBeUndefined();
    expect(patient.meta?.security).toEqual([{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'REDACTED', display: 'redacted' }]);
    expect(fhirProblems(patient)).toEqual([]);
  });

  it('maps every kind of device, valid, with its serial number, type, model, firmware and patient', () => {
    for (const device of plan.devices) {
      const record: DeviceRecord = { ...device, status: 'ACTIVE', lastSeenAt: null, withheld: [] };
      const resource = deviceToFhir(record);
      expect(resource).toMatchObject({ serialNumber: device.serialNumber, manufacturer: device.manufacturer, version: [{ value: device.firmwareVersion }] });
      if (device.assignedPatientId) expect(resource.patient).toEqual({ reference: `Patient/${device.assignedPatientId}` });
      expect(fhirProblems(resource), device.kind).toEqual([]);
    }
    const analysts = deviceToFhir({ ...plan.devices[0]!, serialNumber: null, status: 'RETIRED', lastSeenAt: null, withheld: ['serialNumber'] });
    expect(analysts.identifier).toBeUndefined();
    expect(analysts.status).toBe('inactive');
    expect(analysts.meta?.security?.[0]?.code).toBe('REDACTED');
  });

  it('answers errors as an OperationOutcome with the status FHIR gives, naming the parameter and never its value', () => {
    const outcome = operationOutcome('invalid', 'date must be a FHIR dateTime with a ge or le prefix', 'date');
    expect(outcome.status).toBe(400);
    expect(outcome.body).toEqual({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid', diagnostics: 'date must be a FHIR dateTime with a ge or le prefix', expression: ['date'] }] });
    expect(operationOutcome('not-found', 'Patient/x is not known').status).toBe(404);
    expect(fhirProblems(outcome.body)).toEqual([]);
  });
});

describe('the validator the tests rely on', () => {
  it('fails what is wrong: a vital sign without its category, a unit its profile does not fix, a status outside its binding', () => {
    const heartRate = observationToFhir(observationRecords().find((r) => r.code === '8867-4')!);
    expect(fhirProblems({ ...heartRate, category: undefined }).join('\n')).toMatch(/category/);
    expect(fhirProblems({ ...heartRate, valueQuantity: { ...heartRate.valueQuantity, code: 'beats' } }).join('\n')).toMatch(/the profile fixes \/min/);
    expect(fhirProblems({ ...heartRate, status: 'done' as never }).join('\n')).toMatch(/ObservationStatus/);
    expect(fhirProblems({ resourceType: 'Patient', birthDate: 'yesterday' } as never).length).toBeGreaterThan(0);
    // The bp slices, checked by hand where Medplum cannot (r4-validator.ts): a panel without its diastolic fails.
    const records = observationRecords();
    const systolic = records.find((r) => r.code === '8480-6')!;
    const diastolic = records.find((r) => r.code === '8462-4' && r.effectiveAt === systolic.effectiveAt && r.deviceId === systolic.deviceId)!;
    const panel = bloodPressureToFhir(systolic, diastolic);
    expect(fhirProblems({ ...panel, component: panel.component!.slice(0, 1) }).join('\n')).toMatch(/DiastolicBP needs exactly one component coded 8462-4, found 0/);
  });
});
