/** Stops what the global setup started (every process of either topology); user folders and logs stay in .n8n-local/e2e/ for a look. */
export default async function globalTeardown(): Promise<void> {
	const globals = globalThis.deviceAccessE2e;
	await globals?.n8n?.stop();
	await globals?.sim?.stop();
}
