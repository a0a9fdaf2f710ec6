/**
 * Append every item of `items` to `target`. `target.push(...items)` passes each item as an argument
 * and overflows the stack for lists of a few hundred thousand (a megabyte rule line has that many
 * words); a loop does not.
 */
export function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
