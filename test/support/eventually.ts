/** Calls `check` until it returns true or `timeoutMs` passes; true when it did. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 15_000, intervalMs = 100): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return false;
}
