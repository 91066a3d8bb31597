/** Retries `check` until it stops throwing, or rethrows its last failure after `timeoutMs`. */
export async function waitFor(
  check: () => void | Promise<void>,
  { timeoutMs = 1_500, intervalMs = 20 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
