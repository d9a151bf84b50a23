/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query PatientAccessLog($id: ID!, $first: Int!, $after: String) {\n    patient(id: $id) {\n      id\n      accessLog(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            id\n            occurredAt\n            action\n            outcome\n            actor\n            actorRole\n            clientId\n            resourceType\n            fields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.PatientAccessLogDocument,
    "\n  query AuditTrail(\n    $first: Int!\n    $after: String\n    $patientId: ID\n    $actor: ID\n    $requestId: String\n    $outcome: AuditOutcome\n    $from: DateTime\n    $to: DateTime\n  ) {\n    auditEvents(\n      first: $first\n      after: $after\n      patientId: $patientId\n      actor: $actor\n      requestId: $requestId\n      outcome: $outcome\n      from: $from\n      to: $to\n    ) {\n      edges {\n        cursor\n        node {\n          id\n          occurredAt\n          action\n          outcome\n          actor\n          actorRole\n          clientId\n          resourceType\n          resourceId\n          patientId\n          fields\n          requestId\n          clientRequestId\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.AuditTrailDocument,
    "\n  mutation RegisterDevice($input: RegisterDeviceInput!) {\n    registerDevice(input: $input) {\n      ...FleetDevice\n    }\n  }\n": typeof types.RegisterDeviceDocument,
    "\n  mutation AssignDevice($deviceId: ID!, $patientId: ID!) {\n    assignDevice(deviceId: $deviceId, patientId: $patientId) {\n      ...FleetDevice\n    }\n  }\n": typeof types.AssignDeviceDocument,
    "\n  mutation UnassignDevice($deviceId: ID!) {\n    unassignDevice(deviceId: $deviceId) {\n      ...FleetDevice\n    }\n  }\n": typeof types.UnassignDeviceDocument,
    "\n  fragment FleetDevice on Device {\n    id\n    kind\n    serialNumber\n    model\n    manufacturer\n    firmwareVersion\n    status\n    lastSeenAt\n    assignedPatient {\n      id\n      name {\n        text\n      }\n    }\n  }\n": typeof types.FleetDeviceFragmentDoc,
    "\n  query DeviceFleet($first: Int!, $after: String) {\n    devices(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...FleetDevice\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.DeviceFleetDocument,
    "\n  query PatientByMrn($mrn: String!) {\n    patients(first: 1, filter: { mrn: $mrn }) {\n      edges {\n        node {\n          id\n          mrn\n          name {\n            text\n          }\n        }\n      }\n    }\n  }\n": typeof types.PatientByMrnDocument,
    "\n  query MyRecord($id: ID!) {\n    patient(id: $id) {\n      id\n      mrn\n      name {\n        text\n      }\n      birthDate\n      sex\n      contact {\n        email\n        phone\n      }\n      devices {\n        ...DeviceSummary\n      }\n      latestVitals {\n        ...LatestVital\n      }\n    }\n  }\n": typeof types.MyRecordDocument,
    "\n  fragment DeviceSummary on Device {\n    id\n    kind\n    model\n    manufacturer\n    firmwareVersion\n    serialNumber\n    status\n    lastSeenAt\n  }\n": typeof types.DeviceSummaryFragmentDoc,
    "\n  fragment LatestVital on Observation {\n    code\n    display\n    value\n    unit\n    effectiveAt\n  }\n": typeof types.LatestVitalFragmentDoc,
    "\n  query PatientRecord($id: ID!) {\n    patient(id: $id) {\n      id\n      mrn\n      name {\n        text\n      }\n      birthDate\n      sex\n      ageBand\n      contact {\n        email\n        phone\n      }\n      careTeam\n      devices {\n        ...DeviceSummary\n      }\n      latestVitals {\n        ...LatestVital\n      }\n    }\n  }\n": typeof types.PatientRecordDocument,
    "\n  query PatientVitalsSummary($id: ID!, $code: String!, $from: DateTime!, $to: DateTime!, $bucket: TimeBucket!) {\n    patient(id: $id) {\n      id\n      vitalsSummary(code: $code, from: $from, to: $to, bucket: $bucket) {\n        start\n        min\n        max\n        mean\n        count\n      }\n    }\n  }\n": typeof types.PatientVitalsSummaryDocument,
    "\n  query PatientVitalReadings($id: ID!, $code: String!, $from: DateTime!, $to: DateTime!) {\n    patient(id: $id) {\n      id\n      observations(code: $code, from: $from, to: $to, first: 100) {\n        edges {\n          node {\n            id\n            value\n            unit\n            effectiveAt\n            status\n          }\n        }\n        pageInfo {\n          hasNextPage\n        }\n      }\n    }\n  }\n": typeof types.PatientVitalReadingsDocument,
    "\n  query MyPatients($first: Int!, $after: String, $filter: PatientFilterInput) {\n    patients(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          id\n          name {\n            text\n          }\n          ageBand\n          devices {\n            id\n            kind\n            status\n            lastSeenAt\n          }\n          latestVitals {\n            code\n            display\n            value\n            unit\n            effectiveAt\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.MyPatientsDocument,
    "\n  query VitalSignCodes {\n    vitalSignCodes {\n      code\n      display\n      unit\n      referenceRange {\n        low\n        high\n      }\n    }\n  }\n": typeof types.VitalSignCodesDocument,
};
const documents: Documents = {
    "\n  query PatientAccessLog($id: ID!, $first: Int!, $after: String) {\n    patient(id: $id) {\n      id\n      accessLog(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            id\n            occurredAt\n            action\n            outcome\n            actor\n            actorRole\n            clientId\n            resourceType\n            fields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.PatientAccessLogDocument,
    "\n  query AuditTrail(\n    $first: Int!\n    $after: String\n    $patientId: ID\n    $actor: ID\n    $requestId: String\n    $outcome: AuditOutcome\n    $from: DateTime\n    $to: DateTime\n  ) {\n    auditEvents(\n      first: $first\n      after: $after\n      patientId: $patientId\n      actor: $actor\n      requestId: $requestId\n      outcome: $outcome\n      from: $from\n      to: $to\n    ) {\n      edges {\n        cursor\n        node {\n          id\n          occurredAt\n          action\n          outcome\n          actor\n          actorRole\n          clientId\n          resourceType\n          resourceId\n          patientId\n          fields\n          requestId\n          clientRequestId\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.AuditTrailDocument,
    "\n  mutation RegisterDevice($input: RegisterDeviceInput!) {\n    registerDevice(input: $input) {\n      ...FleetDevice\n    }\n  }\n": types.RegisterDeviceDocument,
    "\n  mutation AssignDevice($deviceId: ID!, $patientId: ID!) {\n    assignDevice(deviceId: $deviceId, patientId: $patientId) {\n      ...FleetDevice\n    }\n  }\n": types.AssignDeviceDocument,
    "\n  mutation UnassignDevice($deviceId: ID!) {\n    unassignDevice(deviceId: $deviceId) {\n      ...FleetDevice\n    }\n  }\n": types.UnassignDeviceDocument,
    "\n  fragment FleetDevice on Device {\n    id\n    kind\n    serialNumber\n    model\n    manufacturer\n    firmwareVersion\n    status\n    lastSeenAt\n    assignedPatient {\n      id\n      name {\n        text\n      }\n    }\n  }\n": types.FleetDeviceFragmentDoc,
    "\n  query DeviceFleet($first: Int!, $after: String) {\n    devices(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...FleetDevice\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.DeviceFleetDocument,
    "\n  query PatientByMrn($mrn: String!) {\n    patients(first: 1, filter: { mrn: $mrn }) {\n      edges {\n        node {\n          id\n          mrn\n          name {\n            text\n          }\n        }\n      }\n    }\n  }\n": types.PatientByMrnDocument,
    "\n  query MyRecord($id: ID!) {\n    patient(id: $id) {\n      id\n      mrn\n      name {\n        text\n      }\n      birthDate\n      sex\n      contact {\n        email\n        phone\n      }\n      devices {\n        ...DeviceSummary\n      }\n      latestVitals {\n        ...LatestVital\n      }\n    }\n  }\n": types.MyRecordDocument,
    "\n  fragment DeviceSummary on Device {\n    id\n    kind\n    model\n    manufacturer\n    firmwareVersion\n    serialNumber\n    status\n    lastSeenAt\n  }\n": types.DeviceSummaryFragmentDoc,
    "\n  fragment LatestVital on Observation {\n    code\n    display\n    value\n    unit\n    effectiveAt\n  }\n": types.LatestVitalFragmentDoc,
    "\n  query PatientRecord($id: ID!) {\n    patient(id: $id) {\n      id\n      mrn\n      name {\n        text\n      }\n      birthDate\n      sex\n      ageBand\n      contact {\n        email\n        phone\n      }\n      careTeam\n      devices {\n        ...DeviceSummary\n      }\n      latestVitals {\n        ...LatestVital\n      }\n    }\n  }\n": types.PatientRecordDocument,
    "\n  query PatientVitalsSummary($id: ID!, $code: String!, $from: DateTime!, $to: DateTime!, $bucket: TimeBucket!) {\n    patient(id: $id) {\n      id\n      vitalsSummary(code: $code, from: $from, to: $to, bucket: $bucket) {\n        start\n        min\n        max\n        mean\n        count\n      }\n    }\n  }\n": types.PatientVitalsSummaryDocument,
    "\n  query PatientVitalReadings($id: ID!, $code: String!, $from: DateTime!, $to: DateTime!) {\n    patient(id: $id) {\n      id\n      observations(code: $code, from: $from, to: $to, first: 100) {\n        edges {\n          node {\n            id\n            value\n            unit\n            effectiveAt\n            status\n          }\n        }\n        pageInfo {\n          hasNextPage\n        }\n      }\n    }\n  }\n": types.PatientVitalReadingsDocument,
    "\n  query MyPatients($first: Int!, $after: String, $filter: PatientFilterInput) {\n    patients(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          id\n          name {\n            text\n          }\n          ageBand\n          devices {\n            id\n            kind\n            status\n            lastSeenAt\n          }\n          latestVitals {\n            code\n            display\n            value\n            unit\n            effectiveAt\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.MyPatientsDocument,
    "\n  query VitalSignCodes {\n    vitalSignCodes {\n      code\n      display\n      unit\n      referenceRange {\n        low\n        high\n      }\n    }\n  }\n": types.VitalSignCodesDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PatientAccessLog($id: ID!, $first: Int!, $after: String) {\n    patient(id: $id) {\n      id\n      accessLog(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            id\n            occurredAt\n            action\n            outcome\n            actor\n            actorRole\n            clientId\n            resourceType\n            fields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PatientAccessLog($id: ID!, $first: Int!, $after: String) {\n    patient(id: $id) {\n      id\n      accessLog(first: $first, after: $after) {\n        edges {\n          cursor\n          node {\n            id\n            occurredAt\n            action\n            outcome\n            actor\n            actorRole\n            clientId\n            resourceType\n            fields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditTrail(\n    $first: Int!\n    $after: String\n    $patientId: ID\n    $actor: ID\n    $requestId: String\n    $outcome: AuditOutcome\n    $from: DateTime\n    $to: DateTime\n  ) {\n    auditEvents(\n      first: $first\n      after: $after\n      patientId: $patientId\n      actor: $actor\n      requestId: $requestId\n      outcome: $outcome\n      from: $from\n      to: $to\n    ) {\n      edges {\n        cursor\n        node {\n          id\n          occurredAt\n          action\n          outcome\n          actor\n          actorRole\n          clientId\n          resourceType\n          resourceId\n          patientId\n          fields\n          requestId\n          clientRequestId\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditTrail(\n    $first: Int!\n    $after: String\n    $patientId: ID\n    $actor: ID\n    $requestId: String\n    $outcome: AuditOutcome\n    $from: DateTime\n    $to: DateTime\n  ) {\n    auditEvents(\n      first: $first\n      after: $after\n      patientId: $patientId\n      actor: $actor\n      requestId: $requestId\n      outcome: $outcome\n      from: $from\n      to: $to\n    ) {\n      edges {\n        cursor\n        node {\n          id\n          occurredAt\n          action\n          outcome\n          actor\n          actorRole\n          clientId\n          resourceType\n          resourceId\n          patientId\n          fields\n          requestId\n          clientRequestId\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegisterDevice($input: RegisterDeviceInput!) {\n    registerDevice(input: $input) {\n      ...FleetDevice\n    }\n  }\n"): (typeof documents)["\n  mutation RegisterDevice($input: RegisterDeviceInput!) {\n    registerDevice(input: $input) {\n      ...FleetDevice\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AssignDevice($deviceId: ID!, $patientId: ID!) {\n    assignDevice(deviceId: $deviceId, patientId: $patientId) {\n      ...FleetDevice\n    }\n  }\n"): (typeof documents)["\n  mutation AssignDevice($deviceId: ID!, $patientId: ID!) {\n    assignDevice(deviceId: $deviceId, patientId: $patientId) {\n      ...FleetDevice\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnassignDevice($deviceId: ID!) {\n    unassignDevice(deviceId: $deviceId) {\n      ...FleetDevice\n    }\n  }\n"): (typeof documents)["\n  mutation UnassignDevice($deviceId: ID!) {\n    unassignDevice(deviceId: $deviceId) {\n      ...FleetDevice\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment FleetDevice on Device {\n    id\n    kind\n    serialNumber\n    model\n    manufacturer\n    firmwareVersion\n    status\n    lastSeenAt\n    assignedPatient {\n      id\n      name {\n        text\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment FleetDevice on Device {\n    id\n    kind\n    serialNumber\n    model\n    manufacturer\n    firmwareVersion\n    status\n    lastSeenAt\n    assignedPatient {\n      id\n      name {\n        text\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeviceFleet($first: Int!, $after: String) {\n    devices(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...FleetDevice\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query DeviceFleet($first: Int!, $after: String) {\n    devices(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          ...FleetDevice\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PatientByMrn($mrn: String!) {\n    patients(first: 1, filter: { mrn: $mrn }) {\n      edges {\n        node {\n          id\n          mrn\n          name {\n            text\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PatientByMrn($mrn: String!) {\n    patients(first: 1, filter: { mrn: $mrn }) {\n      edges {\n        node {\n          id\n          mrn\n          name {\n            text\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyRecord($id: ID!) {\n    patient(id: $id) {\n      id\n      mrn\n      name {\n        text\n      }\n      birthDate\n      sex\n      contact {\n        email\n        phone\n      }\n      devices {\n        ...DeviceSummary\n      }\n      latestVitals {\n        ...LatestVital\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyRecord($id: ID!) {\n    patient(id: $id) {\n      id\n      mrn\n      name {\n        text\n      }\n      birthDate\n      sex\n      contact {\n        email\n        phone\n      }\n      devices {\n        ...DeviceSummary\n      }\n      latestVitals {\n        ...LatestVital\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DeviceSummary on Device {\n    id\n    kind\n    model\n    manufacturer\n    firmwareVersion\n    serialNumber\n    status\n    lastSeenAt\n  }\n"): (typeof documents)["\n  fragment DeviceSummary on Device {\n    id\n    kind\n    model\n    manufacturer\n    firmwareVersion\n    serialNumber\n    status\n    lastSeenAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LatestVital on Observation {\n    code\n    display\n    value\n    unit\n    effectiveAt\n  }\n"): (typeof documents)["\n  fragment LatestVital on Observation {\n    code\n    display\n    value\n    unit\n    effectiveAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PatientRecord($id: ID!) {\n    patient(id: $id) {\n      id\n      mrn\n      name {\n        text\n      }\n      birthDate\n      sex\n      ageBand\n      contact {\n        email\n        phone\n      }\n      careTeam\n      devices {\n        ...DeviceSummary\n      }\n      latestVitals {\n        ...LatestVital\n      }\n    }\n  }\n"): (typeof documents)["\n  query PatientRecord($id: ID!) {\n    patient(id: $id) {\n      id\n      mrn\n      name {\n        text\n      }\n      birthDate\n      sex\n      ageBand\n      contact {\n        email\n        phone\n      }\n      careTeam\n      devices {\n        ...DeviceSummary\n      }\n      latestVitals {\n        ...LatestVital\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PatientVitalsSummary($id: ID!, $code: String!, $from: DateTime!, $to: DateTime!, $bucket: TimeBucket!) {\n    patient(id: $id) {\n      id\n      vitalsSummary(code: $code, from: $from, to: $to, bucket: $bucket) {\n        start\n        min\n        max\n        mean\n        count\n      }\n    }\n  }\n"): (typeof documents)["\n  query PatientVitalsSummary($id: ID!, $code: String!, $from: DateTime!, $to: DateTime!, $bucket: TimeBucket!) {\n    patient(id: $id) {\n      id\n      vitalsSummary(code: $code, from: $from, to: $to, bucket: $bucket) {\n        start\n        min\n        max\n        mean\n        count\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PatientVitalReadings($id: ID!, $code: String!, $from: DateTime!, $to: DateTime!) {\n    patient(id: $id) {\n      id\n      observations(code: $code, from: $from, to: $to, first: 100) {\n        edges {\n          node {\n            id\n            value\n            unit\n            effectiveAt\n            status\n          }\n        }\n        pageInfo {\n          hasNextPage\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PatientVitalReadings($id: ID!, $code: String!, $from: DateTime!, $to: DateTime!) {\n    patient(id: $id) {\n      id\n      observations(code: $code, from: $from, to: $to, first: 100) {\n        edges {\n          node {\n            id\n            value\n            unit\n            effectiveAt\n            status\n          }\n        }\n        pageInfo {\n          hasNextPage\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyPatients($first: Int!, $after: String, $filter: PatientFilterInput) {\n    patients(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          id\n          name {\n            text\n          }\n          ageBand\n          devices {\n            id\n            kind\n            status\n            lastSeenAt\n          }\n          latestVitals {\n            code\n            display\n            value\n            unit\n            effectiveAt\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyPatients($first: Int!, $after: String, $filter: PatientFilterInput) {\n    patients(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          id\n          name {\n            text\n          }\n          ageBand\n          devices {\n            id\n            kind\n            status\n            lastSeenAt\n          }\n          latestVitals {\n            code\n            display\n            value\n            unit\n            effectiveAt\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VitalSignCodes {\n    vitalSignCodes {\n      code\n      display\n      unit\n      referenceRange {\n        low\n        high\n      }\n    }\n  }\n"): (typeof documents)["\n  query VitalSignCodes {\n    vitalSignCodes {\n      code\n      display\n      unit\n      referenceRange {\n        low\n        high\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;