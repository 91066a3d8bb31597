/** globalTeardown: stops the API test/support/live-api.ts started. */
export default async function stopLiveApi(): Promise<void> {
  await globalThis.liveApi?.stop();
}
