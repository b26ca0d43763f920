/**
 * docs/queue-mode.md gives users the HAProxy configuration the queue suite runs behind: the health
 * check, its timing and the retry rules in the docs are the ones scripts/haproxy.ts writes, so the
 * restart check proves what users copy.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { haproxyConfig } from '../../scripts/haproxy';
import { PACKAGE_ROOT } from '../harness/package-types';

/** The directives of a configuration, without the addresses (`bind`, `server`), which differ by set-up. */
const directives = (config: string) =>
	config
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line !== '' && !/^(bind|server) /.test(line));

describe('docs/queue-mode.md: HAProxy', () => {
	const docs = readFileSync(join(PACKAGE_ROOT, 'docs', 'queue-mode.md'), 'utf8');
	const block = /```haproxy\n([\s\S]*?)```/.exec(docs)?.[1];

	it('shows the configuration the suite runs, addresses aside', () => {
		expect(block).toBeDefined();
		expect(directives(block ?? '')).toEqual(directives(haproxyConfig(8080, ['http://127.0.0.1:5678'])));
	});

	it('checks readiness every 2 s, out after 2 failures or a refused connection, back after 2 answers of 200', () => {
		const config = haproxyConfig(8080, ['http://127.0.0.1:5678', 'http://127.0.0.1:5679']);
		expect(config).toContain('option httpchk GET /healthz/readiness');
		expect(config).toContain('http-check expect status 200');
		expect(config).toMatch(/default-server inter 2s fall 2 rise 2 observe layer4 error-limit 1 on-error mark-down/);
		expect(config.match(/^\tserver webhook-\d 127\.0\.0\.1:567[89] check$/gm)).toHaveLength(2);
	});
});
