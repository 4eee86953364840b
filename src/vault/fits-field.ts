/**
 * Whether a password (e.g. from the server's generator, whose policy we cannot steer) fits what a field accepts:
 * its `minlength`, `maxlength`, `pattern` and `passwordrules`. A password that does not fit is replaced by one
 * from the local generator, which honours all of them.
 */
import { parsePasswordRules } from './password-rules';

export interface FieldLimits {
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  rules?: string;
}

function fullMatch(pattern: string): RegExp | undefined {
  for (const flags of ['v', 'u']) {
    try {
      return new RegExp(`^(?:${pattern})$`, flags);
    } catch {
      // An invalid pattern is ignored, as browsers do.
    }
  }
  return undefined;
}

export function fitsField(password: string, limits: FieldLimits): boolean {
  const chars = [...password];
  const rules = parsePasswordRules(limits.rules);
  const min = Math.max(limits.minLength ?? 0, rules.minLength ?? 0);
  const max = Math.min(limits.maxLength !== undefined && limits.maxLength > 0 ? limits.maxLength : Infinity, rules.maxLength ?? Infinity);
  if (chars.length < min || chars.length > max) return false;
  if (rules.allowed !== undefined && chars.some((c) => !rules.allowed!.includes(c))) return false;
  if (!rules.required.every((set) => chars.some((c) => set.includes(c)))) return false;
  if (rules.maxConsecutive !== undefined) {
    let run = 0;
    for (let i = 0; i < chars.length; i++) {
      run = i > 0 && chars[i] === chars[i - 1] ? run + 1 : 1;
      if (run > rules.maxConsecutive) return false;
    }
  }
  const pattern = limits.pattern ? fullMatch(limits.pattern) : undefined;
  return pattern === undefined || pattern.test(password);
}
