import { resolve } from 'node:path';
import { startTestPlatform, type TestPlatform } from '../support/platform.ts';

export const ROOT = resolve(import.meta.dirname, '../..');

export interface Answer {
  status: number;
  headers: Headers;
  /** The JSON body, or null when there is none (or it is not JSON). */
  body: { data?: Record<string, any> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] } | null;
}

/** One raw HTTP request, as any client (or attacker) could send it. */
export async function send(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  const response = await fetch(url, { method: init.method ?? 'POST', headers: init.headers ?? {}, ...(init.body !== undefined ? { body: init.body } : {}) });
  const text = await response.text();
  let body: Answer['body'] = null;
  try {
    body = JSON.parse(text) as Answer['body'];
  } catch {
    // not JSON: body stays null
  }
  return { status: response.status, headers: response.headers, body };
}

/** A JSON POST of one operation. */
export function postJson(url: string, payload: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return send(url, { headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(payload) });
}

/** The code of the first error of an answer. */
export function codeOf(answer: Answer): unknown {
  return answer.body?.errors?.[0]?.extensions?.['code'];
}

/**
 * The in-process platform with these settings (as environment variables, read once at start). The
 * harness reads the configuration from `process.env`; each test file runs in its own process.
 */
export async function startPlatformWith(env: Record<string, string>): Promise<TestPlatform> {
  Object.assign(process.env, env);
  return startTestPlatform('in-process');
}
