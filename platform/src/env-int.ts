/** Reads an integer setting from the environment; an invalid value is reported, not thrown. */
export type IntReader = (name: string, fallback: number, min: number, max: number) => number;

/**
 * An {@link IntReader} over `env` that adds every invalid value to `problems` (and uses the
 * fallback), so a configuration lists all its problems at once instead of failing on the first.
 */
export function intReader(env: NodeJS.ProcessEnv, problems: string[]): IntReader {
  return (name, fallback, min, max) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };
}
