import { afterAll, beforeAll, describe, it } from 'vitest';
import { MODES, startTestPlatform, type TestPlatform } from '../support/platform.ts';
import { CONTRACT_CASES } from './contract-cases.ts';

describe.each(MODES)('API contract v2 through the router (%s)', (mode) => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform(mode);
  });
  afterAll(async () => {
    await platform?.stop();
  });

  for (const contract of CONTRACT_CASES) it(contract.name, () => contract.run(platform, mode));
});
