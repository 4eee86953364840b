/** Reads JSON-RPC params the way `ApiService::getParam*()` does: required checks, then sysPass's loose coercions. */
import { helpFor } from './help';
import { filterInt, filterRaw, filterString, phpIsNumeric, PhpTypeError } from './php-filters';
import { MESSAGES, RpcFault } from './rpc-fault';

export class ParamReader {
  constructor(
    private readonly params: Record<string, unknown>,
    private readonly method: string,
  ) {}

  /** `isset()`: a JSON `null` counts as missing. */
  has(name: string): boolean {
    return this.params[name] !== undefined && this.params[name] !== null;
  }

  raw(name: string, required = false): unknown {
    if (required && !this.has(name)) throw new RpcFault(-32602, MESSAGES.wrongParameters, { help: helpFor(this.method) });
    return this.params[name] ?? null;
  }

  int(name: string, required?: false): number | null;
  int(name: string, required: true): number;
  int(name: string, required = false): number | null {
    const v = this.raw(name, required);
    return v === null ? null : filterInt(v);
  }

  string(name: string, required?: false): string | null;
  string(name: string, required: true): string;
  string(name: string, required = false): string | null {
    const v = this.raw(name, required);
    return v === null ? null : filterString(v);
  }

  /** `getParamRaw()`: trimmed only. */
  rawString(name: string, required: true): string {
    return filterRaw(this.raw(name, required));
  }

  /** `array_map('intval', getParamArray(...))`: a scalar here is a PHP TypeError (empty 404 reply on the real server). */
  intArray(name: string): number[] {
    const v = this.raw(name);
    if (v === null) return [];
    if (!Array.isArray(v)) throw new PhpTypeError('array_map(): Argument #2 ($array) must be of type array');
    return v.map((x) => (phpIsNumeric(x) ? filterInt(x) : phpIntval(filterString(x))));
  }
}

/** PHP `intval()` of a string: the leading integer, or 0. */
function phpIntval(s: string): number {
  const m = /^\s*[+-]?\d+/.exec(s);
  return m ? Number(m[0]) : 0;
}
