/**
 * `npm run screenshots`: re-takes the README's pictures of the editor from a running `npm start`
 * (start it first, in another terminal), with Debian's headless Chromium (`apt-get install chromium`)
 * driven by playwright-core. Writes PNGs to docs/images/.
 *
 * Environment: N8N_URL (default http://127.0.0.1:$N8N_PORT, port 5678), CHROMIUM (default
 * /usr/bin/chromium). The pictures show the demo data, so they are taken against the simulator.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_OWNER } from './n8n-api';
import { ROOT } from './paths';

const N8N_URL = process.env.N8N_URL ?? `http://127.0.0.1:${process.env.N8N_PORT ?? '5678'}`;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const IMAGES_DIR = join(ROOT, 'docs', 'images');
const VIEWPORT = { width: 1440, height: 900 };
/** Quiet, offline, throwaway: no sandbox (root in CI), no GPU, no background traffic. */
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const UI_TIMEOUT_MS = 60_000;

const WORKFLOWS = {
	bulk: 'Bulk IMEI check and unlock (CekSafe + FlexUnlock)',
	door: 'Door/IO changed → react (FlexyKey Trigger)',
};

interface Shot {
	file: string;
	shows: string;
	take(page: Page, ids: Record<keyof typeof WORKFLOWS, string>): Promise<void>;
}

const node = (page: Page, name: string) => page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);

async function openWorkflow(page: Page, id: string): Promise<void> {
	await page.goto(`${N8N_URL}/workflow/${id}`);
	await page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: UI_TIMEOUT_MS });
	await page.locator('[data-test-id="zoom-to-fit"]').click();
	await page.waitForTimeout(800);
}

/** The newest execution of a workflow once it has finished, through n8n's REST API (the session's cookie). */
async function waitForFinishedExecution(page: Page, workflowId: string, after: number): Promise<string> {
	const deadline = Date.now() + UI_TIMEOUT_MS;
	while (Date.now() < deadline) {
		const answer = await page.request.get(`${N8N_URL}/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&limit=1`);
		const { data } = (await answer.json()) as { data: { results: Array<{ status: string; startedAt: string }> } };
		const [latest] = data.results;
		if (latest && Date.parse(latest.startedAt) >= after && !['new', 'running', 'waiting'].includes(latest.status)) return latest.status;
		await page.waitForTimeout(500);
	}
	throw new Error(`no finished execution of workflow ${workflowId} within ${UI_TIMEOUT_MS / 1000} s`);
}

const SHOTS: Shot[] = [
	{
		file: 'node-search.png',
		shows: 'the node panel while adding a step: searching "IMEI" finds CekSafe, FlexUnlock (described by what its actions do) and the CekSafe History Trigger (codex aliases)',
		async take(page, ids) {
			await openWorkflow(page, ids.bulk);
			await page.locator('[data-test-id="node-creator-plus-button"]').click();
			await page.keyboard.type('IMEI');
			await page.locator('[data-test-id="node-creator-item-name"]', { hasText: 'CekSafe History Trigger' }).waitFor({ timeout: UI_TIMEOUT_MS });
			await page.waitForTimeout(500);
		},
	},
	{
		file: 'node-search-triggers.png',
		shows: 'the node panel of a new workflow: searching "FlexyKey" finds the webhook trigger (filed under FlexyKey) and the two polling triggers',
		async take(page) {
			await page.goto(`${N8N_URL}/workflow/new`);
			await page.locator('[data-test-id="canvas-add-button"]').click({ timeout: UI_TIMEOUT_MS });
			await page.keyboard.type('FlexyKey');
			await page.locator('[data-test-id="node-creator-item-name"]', { hasText: 'FlexyKey Log Trigger' }).waitFor({ timeout: UI_TIMEOUT_MS });
			await page.waitForTimeout(500);
		},
	},
	{
		file: 'flexykey-outputs-dropdown.png',
		shows: "FlexyKey → Control → Set Output: the Output dropdown lists unit 3026's outputs, loaded from the API",
		async take(page, ids) {
			await openWorkflow(page, ids.door);
			await node(page, 'Open Staff Entrance').dblclick();
			await page.locator('[data-test-id="parameter-input-outputNumber"] input').first().click();
			await page.locator('.remote-parameter-option', { hasText: 'F1' }).first().waitFor({ timeout: UI_TIMEOUT_MS });
			await page.waitForTimeout(500);
		},
	},
	{
		file: 'bulk-imei-executed.png',
		shows: 'the bulk IMEI example after "Execute workflow": every step green, item counts on the connections',
		async take(page, ids) {
			await openWorkflow(page, ids.bulk);
			const started = Date.now() - 1000;
			await page.locator('[data-test-id="execute-workflow-button"]').click();
			const status = await waitForFinishedExecution(page, ids.bulk, started);
			if (status !== 'success') throw new Error(`the bulk IMEI example ended ${status}`);
			await page.waitForTimeout(1500);
		},
	},
	{
		file: 'ceksafe-check-output.png',
		shows: 'the CekSafe Check step of that run: its input items and the API answers as a table',
		async take(page) {
			await node(page, 'CekSafe Check').dblclick();
			await page.locator('[data-test-id="ndv-data-container"]').first().waitFor({ timeout: UI_TIMEOUT_MS });
			await page.waitForTimeout(1000);
		},
	},
];

async function login(context: BrowserContext): Promise<void> {
	const ready = await context.request.get(`${N8N_URL}/healthz/readiness`).catch(() => undefined);
	if (!ready?.ok()) throw new Error(`n8n is not ready at ${N8N_URL}: run \`npm start\` first and wait for its banner (or set N8N_URL / N8N_PORT)`);
	const answer = await context.request.post(`${N8N_URL}/rest/login`, { data: { emailOrLdapLoginId: DEMO_OWNER.email, password: DEMO_OWNER.password } });
	if (!answer.ok()) throw new Error(`login to ${N8N_URL} failed (HTTP ${answer.status()}): is \`npm start\` running there?`);
}

async function workflowIds(context: BrowserContext): Promise<Record<keyof typeof WORKFLOWS, string>> {
	const { data } = (await (await context.request.get(`${N8N_URL}/rest/workflows`)).json()) as { data: Array<{ id: string; name: string }> };
	const find = (name: string) => {
		const found = data.find((workflow) => workflow.name === name);
		if (!found) throw new Error(`workflow "${name}" not found: \`npm start\` imports it from examples/`);
		return found.id;
	};
	return { bulk: find(WORKFLOWS.bulk), door: find(WORKFLOWS.door) };
}

async function main(): Promise<void> {
	const userDataDir = mkdtempSync(join(tmpdir(), 'device-access-chromium-'));
	const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, viewport: VIEWPORT });
	try {
		await login(context);
		const ids = await workflowIds(context);
		const page = context.pages()[0] ?? (await context.newPage());
		for (const shot of SHOTS) {
			await shot.take(page, ids);
			await page.screenshot({ path: join(IMAGES_DIR, shot.file) });
			console.log(`docs/images/${shot.file}: ${shot.shows}`);
		}
	} finally {
		await context.close();
		rmSync(userDataDir, { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exitCode = 1;
});
