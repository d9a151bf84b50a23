import { describe, expect, it } from 'vitest';
import { planDemoData, SMALL_DEMO } from '../src/demo/plan.ts';
import { DEVICE_KINDS } from '../src/demo/vitals.ts';

const NOW = new Date('2026-11-23T12:00:00.000Z');

describe('the demo data plan', () => {
  const plan = planDemoData({ ...SMALL_DEMO, now: NOW });

  it('is deterministic: the same seed plans the same ids and values', () => {
    const again = planDemoData({ ...SMALL_DEMO, now: NOW });
    expect(again.patients).toEqual(plan.patients);
    expect(again.devices).toEqual(plan.devices);
    expect([...again.observations()].slice(0, 50)).toEqual([...plan.observations()].slice(0, 50));
    const other = planDemoData({ ...SMALL_DEMO, now: NOW, seed: SMALL_DEMO.seed + 1 });
    expect(other.patients[0]!.id).not.toBe(plan.patients[0]!.id);
  });

  it('has two organizations, each with patients whose care teams are some, not all, of its clinicians', () => {
    expect(plan.organizations.length).toBeGreaterThanOrEqual(2);
    for (const organization of plan.organizations) {
      const patients = plan.patients.filter((p) => p.organizationId === organization.id);
      expect(patients.length).toBeGreaterThan(0);
      for (const patient of patients) {
        expect(patient.careTeam.length).toBeGreaterThan(0);
        expect(patient.careTeam.length).toBeLessThan(organization.clinicians.length);
        for (const clinician of patient.careTeam) expect(organization.clinicians).toContain(clinician);
      }
    }
  });

  it('assigns every patient a device of their own organization and leaves some devices unassigned', () => {
    const patientsById = new Map(plan.patients.map((p) => [p.id, p]));
    for (const patient of plan.patients) {
      expect(plan.devices.some((d) => d.assignedPatientId === patient.id)).toBe(true);
    }
    for (const device of plan.devices.filter((d) => d.assignedPatientId)) {
      expect(patientsById.get(device.assignedPatientId!)!.organizationId).toBe(device.organizationId);
    }
    expect(plan.devices.some((d) => d.assignedPatientId === null)).toBe(true);
  });

  it('plans recent readings of the vital signs each assigned device measures, and counts them right', () => {
    const observations = [...plan.observations()];
    expect(observations).toHaveLength(plan.observationCount);
    const devices = new Map(plan.devices.map((d) => [d.id, d]));
    const earliest = NOW.getTime() - SMALL_DEMO.days * 86_400_000;
    for (const o of observations) {
      const device = devices.get(o.deviceId)!;
      expect(o.patientId).toBe(device.assignedPatientId);
      expect(DEVICE_KINDS[device.kind].vitals.map((v) => v.code)).toContain(o.code);
      expect(o.effectiveAt.getTime()).toBeGreaterThan(earliest);
      expect(o.effectiveAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
    }
    expect(new Set(observations.map((o) => o.id)).size).toBe(observations.length);
  });

  it('uses no real-looking contact details', () => {
    for (const patient of plan.patients) {
      expect(patient.email).toMatch(/@example\.test$/);
      expect(patient.phone).toMatch(/^\+1-555-01\d\d$/);
    }
  });
});
