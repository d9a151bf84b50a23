export function AuditTrail() {
  return <h1>AuditTrail</h1>;
}
