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
