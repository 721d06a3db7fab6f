/**
 * `list[i]`, or `undefined` when `i` is outside the list. A plain `list[i]` past the end is a
 * property lookup that falls through to the prototype chain: another library that set
 * `Object.prototype[0]` or `Array.prototype[1]` would otherwise be read as an element (an
 * optional ASN.1 field "present", a request's first SAN line invented). Use it wherever the
 * index may be out of range; a loop bounded by `length` needs none.
 *
 * @example item([1, 2], 5) === undefined // even with Object.prototype[5] set
 */
export function item<T>(list: ArrayLike<T>, i: number): T | undefined {
  return i >= 0 && i < list.length ? list[i] : undefined;
}

/** The last element of `list`, or `undefined` when it is empty (see {@link item}). */
export function lastItem<T>(list: ArrayLike<T>): T | undefined {
  return list.length > 0 ? list[list.length - 1] : undefined;
}
