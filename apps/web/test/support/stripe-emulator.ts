/** Changes Stripe's side of an account, as Stripe itself would (the emulator's control route): what a sync reads. */
export async function changeStripeAccount(
  emulatorOrigin: string,
  accountId: string,
  change: 'complete' | 'restrict',
): Promise<void> {
  const response = await fetch(`${emulatorOrigin}/_emulator/accounts/${accountId}/update`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ change }),
  });
  if (!response.ok)
    throw new Error(`The emulator refused to ${change} ${accountId}: ${await response.text()}`);
}

/**
 * One of the emulator's controls (`/_emulator/…`: an account's state, payouts, deauthorization, webhook delivery),
 * as Stripe itself would act; resolves with its JSON answer, if any.
 */
export async function emulatorControl(
  emulatorOrigin: string,
  path: string,
  body: object = {},
): Promise<unknown> {
  const response = await fetch(`${emulatorOrigin}/_emulator/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = await response.text();
  if (!response.ok) throw new Error(`The emulator refused ${path}: ${answer}`);
  return answer ? JSON.parse(answer) : undefined;
}

/** Resolves once every webhook the emulator had to deliver has been answered (none held, queued or retried). */
export async function webhooksDelivered(emulatorOrigin: string): Promise<void> {
  const response = await fetch(`${emulatorOrigin}/_emulator/webhooks/idle`);
  if (!response.ok) throw new Error(`The emulator's webhooks did not settle: ${await response.text()}`);
}
