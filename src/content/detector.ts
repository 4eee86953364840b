/** Injected into every page and frame: finds login fields and tells the worker, nothing more. */
import type { FieldRole } from '../messages';
import { sendFromContent } from './send';

function detectRoles(root: ParentNode): FieldRole[] {
  const roles = new Set<FieldRole>();
  for (const input of root.querySelectorAll<HTMLInputElement>('input')) {
    const auto = input.autocomplete;
    if (input.type === 'password') roles.add(auto === 'new-password' ? 'new-password' : 'password');
    else if (auto === 'username') roles.add('username');
    else if (auto === 'one-time-code') roles.add('otp');
  }
  return [...roles];
}

const roles = detectRoles(document);
if (roles.length > 0) void sendFromContent('loginFormDetected', { roles });
