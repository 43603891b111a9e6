// Compile-time checks that two types stay one: where a shape is mirrored (a file's zod schema and
// the contract's type, the SDK's actions and ours), a change to one side fails the type check
// until the other side follows.

/** true when A and B are the same type (not merely assignable one way). */
// The generic functions compare A and B as the checker does internally; T is their probe, used once by design.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
export type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Fails to compile unless T is true: `export type XIsY = Assert<Equals<X, Y>>`. */
export type Assert<T extends true> = T;
