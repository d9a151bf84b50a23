export function MyRecord() {
  return <h1>MyRecord</h1>;
}
