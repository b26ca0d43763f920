/**
 * `npm run test:e2e:install`: installs n8n first when needed (cached in .n8n-local/; ~5 – 15 min on a
 * fresh clone), outside any test's time limit. The test file starts everything else itself.
 */
import { ensureN8nInstalled } from '../scripts/n8n-install';

export default async function installGlobalSetup(): Promise<void> {
	await ensureN8nInstalled();
}
