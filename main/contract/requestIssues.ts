/**
 * Turns zod's findings about an untrusted request into one sentence a person
 * (or the author of a script) can act on: which field, what it must be, and
 * whether it was missing or had the wrong kind of value. zod's own messages
 * say "expected string, received undefined", which is neither.
 */
import type { z } from 'zod';

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number' && !Number.isFinite(value)) return 'a number that is not finite';
  return { string: 'text', number: 'a number', boolean: 'true or false', object: 'an object' }[typeof value as string] ?? typeof value;
}

function valueAt(payload: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((value, key) => (typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined), payload);
}

const expectedWords: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
};

function describeIssue(issue: z.core.$ZodIssue, payload: unknown): string {
  const field = issue.path.length > 0 ? `"${issue.path.map(String).join('.')}"` : 'the request';
  const value = valueAt(payload, issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = expectedWords[issue.expected] ?? issue.expected;
      return value === undefined ? `${field} is missing; it must be ${expected}` : `${field} must be ${expected}, not ${kindOf(value)}`;
    }
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_value':
      return `${field} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_big':
      return `${field} must be at most ${String(issue.maximum)}`;
    case 'too_small':
      return `${field} must be at least ${String(issue.minimum)}`;
    default:
      return `${field} must be ${issue.message}`;
  }
}

/** One sentence for all of a request's problems, each field named once. */
export function describeInvalidRequest(channel: string, issues: readonly z.core.$ZodIssue[], payload: unknown): string {
  const seen = new Set<string>();
  const parts = issues.flatMap((issue) => {
    const key = `${issue.path.join('.')}:${issue.code === 'custom' || issue.code === 'invalid_format' ? 'format' : issue.code}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [describeIssue(issue, payload)];
  });
  return `Invalid ${channel} request: ${parts.join('; ')}.`;
}
