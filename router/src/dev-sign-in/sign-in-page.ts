import type { DevPrincipal } from './principals.ts';

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/**
 * The development issuer's own sign-in page, for an authorization request without a known
 * `login_hint`: one form per demo principal, posting back to the authorize endpoint. No script.
 */
export function signInPage(principals: readonly DevPrincipal[], request: Record<string, string>): string {
  const hidden = Object.entries(request)
    .filter(([name]) => name !== 'login_hint')
    .map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`)
    .join('');
  const forms = principals
    .map(
      (p) =>
        `<li><form method="post" action="/dev-oidc/authorize">${hidden}<input type="hidden" name="login_hint" value="${escape(p.id)}">` +
        `<button type="submit"><strong>${escape(p.label)}</strong><br><span>${escape(p.description)}</span></button></form></li>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Development sign-in · caregraph</title><link rel="stylesheet" href="/dev-oidc/sign-in.css"></head>
<body><main><h1>Development sign-in</h1><p>caregraph's local development issuer (never in production). Sign in as a demo principal:</p>
<ul>${forms}</ul></main></body></html>`;
}

export const SIGN_IN_CSS = `body{font-family:system-ui,sans-serif;background:#f3f5f8;color:#1b1f24;margin:0}
main{max-width:640px;margin:3rem auto;background:#fff;border:1px solid #d3d9e0;border-radius:12px;padding:2rem}
ul{list-style:none;padding:0;display:grid;gap:.6rem}button{width:100%;text-align:left;padding:.75rem;font:inherit;border:1px solid #d3d9e0;border-radius:6px;background:#fff;cursor:pointer}
span{color:#4f5a66;font-size:.9rem}:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}`;
