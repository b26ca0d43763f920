import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core writes an instance key under $N8N_USER_FOLDER unless these are set: keep tests out of $HOME.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'device-access-n8n-'));
process.env.N8N_ENCRYPTION_KEY ??= 'device-access-test-encryption-key';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
process.env.N8N_LOG_LEVEL ??= 'silent';

// n8n-workflow runs the regexes of its parameter checks (a resource locator's `regex` validation) in a
// vm with a 250 ms wall-clock guard. On a starved machine (2 cores, other work, jest workers) a trivial
// regex overruns it and a workflow fails with "Regular expression execution timed out": a timing
// failure, not a finding. Tests run the same regexes without the guard; none of them tests the guard.
// (Required here, after the environment above is set, which n8n's modules may read when loaded.)
const { setSafeRegexEngine } = require('n8n-workflow') as typeof import('n8n-workflow');
setSafeRegexEngine({
	exec: (pattern, input, flags) => new RegExp(pattern, flags).exec(input),
	test: (pattern, input, flags) => new RegExp(pattern, flags).test(input),
	replace: (pattern, input, flags, replacement) => input.replace(new RegExp(pattern, flags), replacement),
	matchAll: (pattern, input, flags) => Array.from(input.matchAll(new RegExp(pattern, flags?.includes('g') ? flags : `${flags ?? ''}g`))),
	split: (pattern, input, flags) => input.split(new RegExp(pattern, flags)),
});
