/** Milliseconds since the Unix epoch, like `Date.now`; injectable so tests can move time forward. */
export type Clock = () => number;

export function unixSeconds(clock: Clock): number {
  return Math.floor(clock() / 1000);
}
