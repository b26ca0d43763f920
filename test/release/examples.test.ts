/**
 * Every example workflow explains itself on the canvas: a sticky note saying what it does and one
 * saying what to change, and every node the notes name in *italics* exists (so a renamed node cannot
 * leave a note pointing at nothing).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../harness/package-types';

interface WorkflowNode {
	name: string;
	type: string;
	parameters: { content?: string };
}
interface Workflow {
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
}

const EXAMPLES_DIR = join(PACKAGE_ROOT, 'examples');
const examples = readdirSync(EXAMPLES_DIR)
	.filter((file) => file.endsWith('.json'))
	.map((file) => [file, JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as Workflow] as const);
const STICKY = 'n8n-nodes-base.stickyNote';
/** Other examples may be named too (by their name without the part in brackets). */
const workflowNames = examples.map(([, workflow]) => workflow.name.replace(/\s*\(.*\)$/, ''));

describe.each(examples)('%s', (_file, workflow) => {
	const notes = workflow.nodes.filter((node) => node.type === STICKY).map((node) => node.parameters.content ?? '');
	const nodeNames = new Set(workflow.nodes.filter((node) => node.type !== STICKY).map((node) => node.name));

	it('has a note on what it does, titled with the workflow, and one on what to change', () => {
		expect(notes.some((content) => content.startsWith(`## ${workflow.name}`))).toBe(true);
		expect(notes.some((content) => /^### What to change\n- /.test(content))).toBe(true);
	});

	it('names only nodes that exist in its notes', () => {
		const named = notes.flatMap((content) => [...content.matchAll(/(?<!\*)\*([^*\n]+)\*(?!\*)/g)].map((match) => match[1]));
		expect(named.length).toBeGreaterThan(0);
		expect(named.filter((name) => !nodeNames.has(name) && !workflowNames.includes(name))).toEqual([]);
	});

	it('keeps notes out of the flow', () => {
		const stickyNames = workflow.nodes.filter((node) => node.type === STICKY).map((node) => node.name);
		expect(Object.keys(workflow.connections).filter((source) => stickyNames.includes(source))).toEqual([]);
	});
});
