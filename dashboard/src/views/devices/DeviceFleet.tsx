export function DeviceFleet() {
  return <h1>DeviceFleet</h1>;
}
