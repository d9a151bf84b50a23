/** Reads a true/false setting from the environment; an invalid value is reported, not thrown. */
export type BoolReader = (name: string, fallback: boolean) => boolean;

/**
 * A {@link BoolReader} over `env`: only `true` and `false` are accepted (unset or empty: the
 * fallback), so a `1`, `yes` or typo is reported instead of silently meaning one or the other.
 */
export function boolReader(env: NodeJS.ProcessEnv, problems: string[]): BoolReader {
  return (name, fallback) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (raw === 'true' || raw === 'false') return raw === 'true';
    problems.push(`${name} must be true or false`);
    return fallback;
  };
}
