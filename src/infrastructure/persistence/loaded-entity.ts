/** The persisted fields of an entity: everything but its methods. */
type Fields<T> = { [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]: T[K] };

/**
 * Builds an entity from stored fields the way MikroORM loads one: on the prototype, without calling the
 * constructor (the domain's factories validate new data; stored data was valid when it was saved).
 * Hot reads use this with a plain SQL projection instead of `em.findOne`, whose query building and
 * hydration cost about ten times the round trip itself.
 */
export function loadedEntity<T extends object>(cls: { prototype: T }, fields: Fields<T>): T {
  return Object.assign(Object.create(cls.prototype) as T, fields);
}
