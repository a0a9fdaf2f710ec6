/**
 * How many times each whole-file pass of the iptables checks ran over a whole model. A keystroke in one
 * rule line should run none of them (they are carried over, `lineSplice.ts`); the keystroke tests count.
 */
export const wholeFilePasses = new Map<string, number>();

export function countPass(name: string): void {
  wholeFilePasses.set(name, (wholeFilePasses.get(name) ?? 0) + 1);
}
