import { SupCertError } from '../errors.js';
import { WorkBudget } from '../limits.js';

/**
 * Checks of positional arguments of the public functions, so a value of the wrong type is refused
 * in the library's words (SupCertError INVALID_OPTION naming the argument and what to give)
 * instead of ending in a TypeError somewhere inside.
 */

/** What a value is, for a message: "null", "an array", "a number" ... */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Uint8Array) return 'bytes';
  if (value instanceof Date) return 'an invalid Date';
  const type = typeof value;
  return type === 'object' ? 'an object' : `a ${type}`;
}

/** @throws SupCertError INVALID_OPTION naming `what` */
export function invalidArgument(what: string, wanted: string, value: unknown): SupCertError {
  return new SupCertError('INVALID_OPTION', `${what} must be ${wanted}; got ${kindOf(value)}.`);
}

/**
 * The call's budget: a new one when none is given.
 * @throws SupCertError INVALID_OPTION when `value` is given and is not a WorkBudget.
 */
export function budgetArgument(value: unknown, what: string): WorkBudget {
  if (value === undefined) return new WorkBudget();
  if (value instanceof WorkBudget) return value;
  throw invalidArgument(what, 'a WorkBudget (new WorkBudget(limits)) or left out', value);
}

/** @throws SupCertError INVALID_OPTION when `value` is not a Date holding a time. */
export function dateArgument(value: unknown, what: string): Date {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value;
  throw invalidArgument(what, 'a valid Date, e.g. new Date()', value);
}

/** @throws SupCertError INVALID_OPTION when `value` is not an array. */
export function arrayArgument(value: unknown, what: string): readonly unknown[] {
  if (Array.isArray(value)) return value;
  throw invalidArgument(what, 'an array', value);
}

/**
 * A public function's options argument, checked: `fn` names the function in the message.
 * @throws SupCertError INVALID_OPTION "`fn`: options must be an object." for null, a number ...
 */
export function optionsArgument<T>(value: T, fn: string): T {
  if (value === null || typeof value !== 'object')
    throw new SupCertError('INVALID_OPTION', `${fn}: options must be an object.`);
  return value;
}
