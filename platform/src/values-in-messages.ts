import { SCALAR_REJECTIONS } from '@caregraph/schema-standards';

/**
 * graphql-js quotes the rejected value in coercion, validation and syntax errors, and suggests
 * names ("Did you mean ..."). A rejected value may be PHI and a suggestion leaks the schema, so a
 * message that reaches a client is rebuilt from the parts of graphql-js's templates that cannot
 * hold a value (variable and type names, paths, fixed reasons); where the value stands (after
 * "got invalid value", "found", "value:", "Unexpected") everything up to the end of the clause is
 * dropped, never cut at its first "." or ";" (the value may hold either). A reason that matches
 * no known template becomes a fixed one.
 */
export function withoutValues(message: string): string {
  const variable = variableError(message);
  if (variable) return `Variable "$${variable.name}" has an invalid value${variable.path ? ` at "${variable.path}"` : ''}: ${variable.reason}`;
  const literal = /^Expected value of type "([\w![\]]+)", found /.exec(message);
  if (literal) {
    const reason = reasonAfter(message.slice(literal[0].length));
    return `Expected value of type "${literal[1]}"${reason ? `: ${reason}` : '.'}`;
  }
  if (message.startsWith('Syntax Error: ')) return syntaxError(message.slice('Syntax Error: '.length));
  const argument = /^(Argument "\w+" has invalid value) /.exec(message);
  if (argument) return `${argument[1]}.`;
  return (
    safeReason(message) ??
    message
      .replace(/ Did you mean [\s\S]*$/, '')
      .replace(/ cannot represent ([\w -]*?value): [\s\S]*$/, ' cannot represent $1.')
      .replace(/, found [\s\S]*$/, '.')
  );
}

/** What the masked message of a variable error says, and the argument path for `extensions.field`. */
export function variableError(message: string): { name: string; path: string | null; reason: string; field: string } | null {
  const raw = /^Variable "\$(\w+)" got invalid value /.exec(message);
  const masked = raw ? null : /^Variable "\$(\w+)" has an invalid value(?: at "([\w.[\]]+)")?: ([\s\S]*)$/.exec(message);
  if (masked) {
    const [, name, path, reason] = masked;
    return { name: name!, path: path ?? null, reason: safeReason(reason!) ?? GENERIC_REASON, field: path ?? name! };
  }
  if (!raw) return null;
  const name = raw[1]!;
  const rest = message.slice(raw[0].length);
  // graphql-js: `got invalid value <value>[ at "<path>"]; <reason>`. The value may hold "; " too,
  // so each "; " is tried in turn for a reason of a known template; what is printed is only the
  // template's own words, so a "reason" forged inside the value reveals nothing either.
  for (let at = rest.indexOf('; '); at !== -1; at = rest.indexOf('; ', at + 1)) {
    const reason = safeReason(rest.slice(at + 2));
    if (!reason) continue;
    const path = new RegExp(` at "(${name}(?:\\.\\w+|\\[\\d+\\])*)"$`).exec(rest.slice(0, at))?.[1] ?? null;
    return { name, path, reason, field: path ?? name };
  }
  return { name, path: null, reason: GENERIC_REASON, field: name };
}

const GENERIC_REASON = 'the value is not accepted.';
const TYPE = '[\\w![\\]]+';

/** The reasons graphql-js and the standard's scalars give, reduced to their value-free words. */
const REASONS: [RegExp, (match: RegExpExecArray) => string][] = [
  [/^((?:Enum "\w+"|\w+) cannot represent [\w -]*?value)(?:: [\s\S]*|\.)?$/, (m) => m[1]!],
  [/^Value [\s\S]* does not exist in "(\w+)" enum\.(?: Did you mean [\s\S]*)?$/, (m) => `The value does not exist in "${m[1]}" enum.`],
  [new RegExp(`^Expected type "(${TYPE})" to be an object\\.$`), (m) => m[0]],
  [new RegExp(`^Field "(\\w+)" of required type "(${TYPE})" was not provided\\.$`), (m) => m[0]],
  [/^Field "(\w+)" is not defined by type "(\w+)"\.(?: Did you mean [\s\S]*)?$/, (m) => `Field "${m[1]}" is not defined by type "${m[2]}".`],
  [new RegExp(`^Expected non-nullable type "(${TYPE})" not to be null\\.$`), (m) => m[0]],
  [/^[\s\S]*$/, (m) => (SCALAR_REJECTIONS.has(m[0]) ? m[0] : '')],
];

function safeReason(reason: string): string | null {
  for (const [pattern, rewrite] of REASONS) {
    const match = pattern.exec(reason);
    if (match) return rewrite(match) || null;
  }
  return null;
}

/** After `found <literal>`: `.` alone, or `; <reason>`. */
function reasonAfter(rest: string): string | null {
  for (let at = rest.indexOf('; '); at !== -1; at = rest.indexOf('; ', at + 1)) {
    const reason = safeReason(rest.slice(at + 2));
    if (reason) return reason;
  }
  return null;
}

/**
 * Syntax errors name the token found, which may be a string of the document: what was expected
 * (the grammar's words) is kept, what was found is reduced to "token".
 */
function syntaxError(detail: string): string {
  const expected = /^(Expected [^,]+?), found [\s\S]*$/.exec(detail);
  if (expected) return `Syntax Error: ${expected[1]}.`;
  if (detail.startsWith('Unexpected ')) return 'Syntax Error: Unexpected token.';
  const described = /^([A-Za-z -]+?)(?:[:,.]| within)/.exec(detail);
  return `Syntax Error: ${described ? described[1] : 'Invalid document'}.`;
}
