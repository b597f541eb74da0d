/**
 * Type-level checks for translations. A translation of a Dutch part is written as
 *
 *   export const enX = { ... } as const satisfies TranslationOf<typeof nlX>;
 *   type _Exact = Exact<typeof enX, typeof nlX>;
 *
 * `satisfies` fails when a key is missing (and, for an object literal, when one is extra);
 * `Exact` states the "no extra keys" rule on its own, so it still holds if the literal is
 * ever built differently (a spread, a helper). tests/unit/i18n.test.ts checks the same at run time,
 * plus empty strings and placeholders.
 */
export type TranslationOf<P> = { readonly [K in keyof P]: string };

/**
 * Compiles only when T has exactly P's keys, each with a string: a missing key breaks the first
 * half of the constraint, an extra key (whose value would have to be `never`) the second.
 */
export type Exact<T extends TranslationOf<P> & { readonly [K in Exclude<keyof T, keyof P>]: never }, P> = T;
