/**
 * The README stays a short entry point (at most 15 KB) from which every operation of every node is
 * one click away, and no link in the README or docs/ leads nowhere: each relative link names an
 * existing file, and each #anchor into a Markdown file names one of its headings (GitHub's slugs).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import type { INodePropertyOptions } from 'n8n-workflow';
import { loadPackageNodes, PACKAGE_ROOT } from '../harness/package-types';

const README = readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8');
function markdownFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((entry) => {
		const path = join(dir, entry);
		if (statSync(path).isDirectory()) return markdownFiles(path);
		return entry.endsWith('.md') ? [path] : [];
	});
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
	const seen = new Map<string, number>();
	const anchors = new Set<string>();
	for (const [, heading] of markdown.replace(/```[\s\S]*?```/g, '').matchAll(/^#{1,6} +(.+)$/gm)) {
		const text = heading.replace(/`/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
		const slug = text.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').trim().replace(/\s/g, '-');
		const count = seen.get(slug) ?? 0;
		seen.set(slug, count + 1);
		anchors.add(count === 0 ? slug : `${slug}-${count}`);
	}
	return anchors;
}

/** Relative links and images of a Markdown file: `[text](target)`, outside code blocks. */
function linksOf(markdown: string): string[] {
	return [...markdown.replace(/```[\s\S]*?```/g, '').matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)]
		.map(([, target]) => target)
		.filter((target) => !/^[a-z]+:/i.test(target));
}

interface TableRow {
	resourceLink: string;
	operations: string[];
}

/** README operation rows: `| [Resource](docs/nodes/page.md#anchor) | Op · Op | … |`. */
function operationRows(): Array<TableRow & { resource: string }> {
	return [...README.matchAll(/^\| \[([^\]]+)\]\((docs\/nodes\/[^)]+)\) \| ([^|]+) \|/gm)].map(([, resource, resourceLink, operations]) => ({
		resource,
		resourceLink,
		operations: operations.split('·').map((operation) => operation.trim()),
	}));
}

function resourcesOf(properties: Array<{ name: string; options?: unknown; displayOptions?: { show?: Record<string, unknown> } }>) {
	const resource = properties.find((property) => property.name === 'resource');
	return ((resource?.options ?? []) as INodePropertyOptions[]).map((option) => ({
		name: option.name,
		operations: properties
			.filter((property) => property.name === 'operation' && (property.displayOptions?.show?.resource as unknown[] | undefined)?.includes(option.value))
			.flatMap((property) => ((property.options ?? []) as INodePropertyOptions[]).map((operation) => operation.name)),
	}));
}

describe('README', () => {
	it('is at most 15 KB', () => {
		expect(Buffer.byteLength(README)).toBeLessThanOrEqual(15 * 1024);
	});

	it('puts the two commands first, with the EBADENGINE warning explained next to them', () => {
		const commands = README.indexOf('npm install && npm start');
		expect(commands).toBeGreaterThan(0);
		expect(commands).toBeLessThan(README.indexOf('\n## ', README.indexOf('\n## ') + 1));
		expect(README.indexOf('npm test')).toBeGreaterThan(commands);
		expect(README.indexOf('EBADENGINE') - commands).toBeLessThan(2000);
	});

	it('shows screenshots that exist as PNG files', () => {
		const images = [...README.matchAll(/!\[[^\]]+\]\((docs\/images\/[^)]+\.png)\)/g)].map(([, path]) => path);
		expect(images.length).toBeGreaterThanOrEqual(3);
		for (const image of images) expect(readFileSync(join(PACKAGE_ROOT, image)).subarray(1, 4).toString()).toBe('PNG');
	});

	describe.each([...loadPackageNodes().values()].filter((node) => resourcesOf(node.description.properties).length > 0).map((node) => [node.description.displayName, node] as const))(
		'%s',
		(_name, node) => {
			const page = `docs/nodes/${basename(node.description.documentationUrl ?? '')}`;
			it.each(resourcesOf(node.description.properties).flatMap((resource) => resource.operations.map((operation) => [resource.name, operation])))(
				'%s → %s is one click away',
				(resource, operation) => {
					const rows = operationRows().filter((row) => row.resource === resource && row.resourceLink.startsWith(`${page}#`));
					expect(rows.flatMap((row) => row.operations)).toContain(operation);
				},
			);
		},
	);
});

describe.each([join(PACKAGE_ROOT, 'README.md'), ...markdownFiles(join(PACKAGE_ROOT, 'docs'))].map((file) => [relative(PACKAGE_ROOT, file), file]))('%s', (_name, file) => {
	it('links only to files and headings that exist', () => {
		const broken = linksOf(readFileSync(file, 'utf8')).filter((link) => {
			const [path, anchor] = link.split('#');
			const target = path === '' ? file : join(dirname(file), decodeURIComponent(path));
			if (!existsSync(target)) return true;
			return anchor !== undefined && target.endsWith('.md') && !anchorsOf(readFileSync(target, 'utf8')).has(anchor);
		});
		expect(broken).toEqual([]);
	});
});
