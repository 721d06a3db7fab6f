/**
 * The caller's options as a copy of their own enumerable properties on an object without a
 * prototype, so a key set on Object.prototype (prototype pollution elsewhere in the process) is
 * never read as an option: `Object.prototype.trustAnchors = [evilRoot]` would otherwise make any
 * chain to that root trusted, and `Object.prototype.skipNames = true` change the verdict. An
 * instance of a class keeps the getters its class (and the classes above it) defines, read on
 * the instance: `class Settings { get names() {...} }` is a valid options object.
 * The root of the chain (Object.prototype, of this realm or another) is never read.
 * Each getter of `options` runs once, here. A value that is not an object is returned as it is:
 * the caller refuses it (SupCertError INVALID_OPTION).
 */
export function ownOptions<T>(options: T): T {
  if (options === null || typeof options !== 'object') return options;
  const copy = Object.assign(Object.create(null), options) as Record<string, unknown>;
  const source = options as Record<string, unknown>;
  for (
    let proto = Object.getPrototypeOf(options) as object | null;
    proto !== null && Object.getPrototypeOf(proto) !== null;
    proto = Object.getPrototypeOf(proto) as object | null
  ) {
    for (const [key, property] of Object.entries(Object.getOwnPropertyDescriptors(proto)))
      if (property.get && !(key in copy)) copy[key] = source[key];
  }
  return copy as T;
}
