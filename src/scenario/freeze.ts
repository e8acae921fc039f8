/**
 * Deeply freezes a plain data tree (objects and arrays) in place and returns it, typed
 * as given. Used so that the engine can never change a loaded scenario.
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
