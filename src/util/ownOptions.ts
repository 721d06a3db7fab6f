/**
 * The caller's options as a copy of their own enumerable properties on an object without a
 * prototype, so a key set on Object.prototype (prototype pollution elsewhere in the process) is
 * never read as an option: `Object.prototype.trustAnchors = [evilRoot]` would otherwise make any
 * chain to that root trusted, and `Object.prototype.skipNames = true` change the verdict. Each
 * getter of `options` runs once, here. A value that is not an object is returned as it is: the
 * caller refuses it (SupCertError INVALID_OPTION).
 */
export function ownOptions<T>(options: T): T {
  if (options === null || typeof options !== 'object') return options;
  return Object.assign(Object.create(null), options) as T;
}
