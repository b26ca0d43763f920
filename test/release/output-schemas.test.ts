/**
 * Output schemas: every operation of every action node and every trigger ships a JSON schema of its
 * output where n8n looks for it (n8n-core's output-schema-resolver: `<node file's folder>/__schema__/
 * v<major.minor.patch>/<resource>/<operation>.json`), which the editor shows before the first run and
 * n8n's AI builder and MCP server read. A trigger has no resource; each carries a hidden `operation`
 * naming its output (three triggers share nodes/FlexyKey/, where the no-discriminator file would be one).
 *
 * This test runs each operation and trigger against the simulator, infers the schema of what it
 * output, and fails where the file on disk differs: a changed output fails until `npm run schemas`
 * (this test with SCHEMAS_WRITE=1) rewrote the file.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { loadPackageNodes, PACKAGE_NAME, PACKAGE_ROOT } from '../harness/package-types';
import { runWorkflow } from '../harness/run-workflow';
import { useSimulator } from '../harness/simulator';
import { WebhookReceiver } from '../harness/trigger-harness';
import { chain } from '../harness/workflow-builder';
import { actionCases, CALLBACK_PATH, type ActionCase, type ActionNode } from '../schemas/cases';
import { outputSchema } from '../schemas/infer';
import { triggerCases } from '../schemas/triggers';

const WRITE = process.env.SCHEMAS_WRITE === '1';
const FOLDER: Record<string, string> = { flexyKey: 'FlexyKey', flexUnlock: 'FlexUnlock', cekSafe: 'CekSafe' };

const nodes = loadPackageNodes();
const typeName = (type: string) => type.slice(PACKAGE_NAME.length + 1);
/** The folder of a node's source file (package.json lists dist/nodes/<Folder>/<Node>.node.js). */
const folderOf = (name: string) => FOLDER[name] ?? FOLDER[Object.keys(FOLDER).find((service) => name.startsWith(service))!];

/**
 * The version folders n8n reads for a node: one per version it offers (the editor's `/schemas/` route asks for
 * the node's exact version, padded as n8n pads it: 2 → v2.0.0).
 */
function versionDirs(name: string): string[] {
	const { version } = nodes.get(`${PACKAGE_NAME}.${name}`)!.description;
	return (Array.isArray(version) ? version : [version]).map((entry) => `v${String(entry).split('.').concat(['0', '0']).slice(0, 3).join('.')}`);
}

/** The schema files of one output of a node, one per version folder. */
function schemaFiles(name: string, folder: string, ...parts: string[]): string[] {
	return versionDirs(name).map((dir) => join(PACKAGE_ROOT, 'nodes', folder, '__schema__', dir, ...parts.slice(0, -1), `${parts.at(-1)}.json`));
}

/** Every [resource, operation] an action node offers, read from its description as n8n's panel does. */
function operationsOf(properties: INodeProperties[]): Array<[string, string]> {
	const resources = (properties.find((property) => property.name === 'resource')?.options ?? []) as INodePropertyOptions[];
	return resources.flatMap((resource) =>
		properties
			.filter((property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource.value))
			.flatMap((property) => (property.options as INodePropertyOptions[]).map((operation): [string, string] => [String(resource.value), String(operation.value)])),
	);
}

const triggerOperation = (name: string) =>
	nodes.get(`${PACKAGE_NAME}.${name}`)!.description.properties.find((property) => property.name === 'operation' && property.type === 'hidden')?.default as string | undefined;

function expectSchema(files: string[], items: unknown[]): void {
	const text = `${JSON.stringify(outputSchema(items), null, '\t')}\n`;
	for (const file of files) {
		if (WRITE) {
			mkdirSync(dirname(file), { recursive: true });
			writeFileSync(file, text);
		}
		const relative = file.slice(PACKAGE_ROOT.length + 1);
		expect({ file: relative, schema: existsSync(file) ? readFileSync(file, 'utf8') : '(missing: run `npm run schemas`)' }).toEqual({ file: relative, schema: text });
	}
}

const handle = useSimulator();
let receiver: WebhookReceiver;
beforeAll(async () => {
	receiver = await WebhookReceiver.start();
	receiver.route(CALLBACK_PATH, async (req, res) => {
		req.resume();
		res.end('{}');
	});
});
afterAll(async () => {
	await receiver?.close();
});

describe('every operation and trigger has a case', () => {
	const cases = actionCases('http://127.0.0.1/unused');
	it.each([...nodes.entries()].filter(([, node]) => !node.description.group.includes('trigger')))('%s', (type, node) => {
		const covered = cases.filter((entry) => entry.node === typeName(type)).map((entry) => `${entry.resource}/${entry.operation}`);
		expect(covered.sort()).toEqual(operationsOf(node.description.properties).map(([resource, operation]) => `${resource}/${operation}`).sort());
	});

	it('no schema file is left over from an operation or trigger that is gone', () => {
		const expected = new Set([
			...cases.flatMap((entry) => schemaFiles(entry.node, FOLDER[entry.node], entry.resource, entry.operation)),
			...triggerCases.flatMap((entry) => schemaFiles(entry.type, folderOf(entry.type), triggerOperation(entry.type) ?? '')),
		]);
		const onDisk = Object.values(FOLDER).flatMap((folder) => {
			const root = join(PACKAGE_ROOT, 'nodes', folder, '__schema__');
			return existsSync(root) ? readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.json')).map((file) => join(root, file)) : [];
		});
		expect(onDisk.filter((file) => !expected.has(file))).toEqual([]);
	});

	it('every trigger names its output with a hidden operation and has a case', () => {
		const triggers = [...nodes.entries()].filter(([, node]) => node.description.group.includes('trigger')).map(([type]) => typeName(type));
		expect(triggerCases.map((entry) => entry.type).sort()).toEqual(triggers.sort());
		for (const name of triggers) expect({ name, operation: triggerOperation(name) }).toEqual({ name, operation: expect.stringMatching(/^[a-z][A-Za-z]+$/) });
	});
});

describe('output schemas match what the nodes output today', () => {
	// One simulator for the whole sequence: later cases use what earlier ones created.
	test('action operations', async () => {
		const cases = actionCases(`${receiver.baseUrl}${CALLBACK_PATH}`);
		const outputs = new Map<string, ReturnType<typeof Object>[]>();
		const key = (node: ActionNode, resource: string, operation: string) => `${node} ${resource}/${operation}`;
		const earlier = (node: ActionNode, resource: string, operation: string) => {
			const found = outputs.get(key(node, resource, operation));
			if (!found) throw new Error(`case order: ${key(node, resource, operation)} has not run yet`);
			return found;
		};
		for (const entry of cases as ActionCase[]) {
			const parameters = typeof entry.parameters === 'function' ? entry.parameters(earlier) : entry.parameters;
			const run = await runWorkflow(chain({ name: 'Node', type: entry.node, parameters: { resource: entry.resource, operation: entry.operation, ...parameters } }), {
				credentials: handle.credentials(),
				input: entry.input,
			});
			if (run.error) throw new Error(`${key(entry.node, entry.resource, entry.operation)} failed: ${run.error.message} ${run.error.description ?? ''}`);
			const items = run.json('Node');
			outputs.set(key(entry.node, entry.resource, entry.operation), items);
			expectSchema(schemaFiles(entry.node, FOLDER[entry.node], entry.resource, entry.operation), items);
		}
	}, 120_000);

	test.each(triggerCases.map((entry) => [entry.type, entry] as const))('%s', async (name, entry) => {
		// Orders move only when the trigger case advances them, so every delivery is one it caused.
		handle.sim.config.flexunlock.orderStepMs = 0;
		const items = await entry.emit(handle.sim, handle.credentials(), receiver);
		expectSchema(schemaFiles(name, folderOf(name), triggerOperation(name) ?? '(no hidden operation)'), items);
	}, 60_000);
});
