/** FlexyKey → Unit Info: Get Types, Request, Get Messages, Request and Wait, and their dropdowns. */
import type { IDataObject } from 'n8n-workflow';
import { eachDialect } from '../../harness/simulator';
import { NODE, UNIT_PLAIN, UNIT_X33, X33_SERIAL, pairedWith, unitRef, useFlexyKeyNode } from './helpers';
import { eventually } from '../../harness/eventually';

const fk = useFlexyKeyNode();

interface MessageRow {
	messageId: number;
	typeName: string;
	message: string;
	timestampIso: string;
}

const messages = async (unitId: number, query = '') => (await fk.api<MessageRow[]>('GET', `/UnitMessages?unitId=${unitId}${query}`)).body;

const requestAndWait = (parameters: Record<string, unknown> = {}) => ({
	resource: 'unitInfo',
	operation: 'requestAndWait',
	unit: unitRef(UNIT_PLAIN),
	requestKind: 'type',
	typeName: 'CHECKTEMP',
	timeout: 10,
	waitOptions: { pollInterval: 0.1 },
	...parameters,
});

// Every answer these tests read is of an inferred shape (or an error body, also inferred): they run in
// every dialect; what the node passes through as it came is checked as dialect a's shape in a only.
eachDialect(fk.handle, (dialect) => {
	describe('Unit Info → Get Types', () => {
		test('the catalog and profiles, as one item', async () => {
			const run = await fk.run({ resource: 'unitInfo', operation: 'getTypes' });
			const { body } = await fk.api('GET', '/RequestUnitInfoTypes');
			if (dialect === 'a') expect(run.json(NODE)).toEqual([body]);
			// In every dialect: the catalog exactly as the server answered it in that dialect.
			expect(run.json(NODE)).toEqual([(await fk.api('GET', '/RequestUnitInfoTypes', undefined, dialect)).body]);
			expect((body.types as IDataObject[]).map((type) => type.typeName)).toContain('CHECKWEXP');
			expect((body.types as IDataObject[]).map((type) => type.typeName)).not.toContain('CHECKDEBUG');
		});
	});

	describe('Unit Info → Request', () => {
		test('one type: queued, and the unit\'s answer shows up later in UnitMessages', async () => {
			const run = await fk.run({ resource: 'unitInfo', operation: 'request', unit: unitRef(UNIT_PLAIN), requestKind: 'type', typeName: 'CHECKTIME' });
			expect(run.json(NODE)).toHaveLength(1);
			if (dialect === 'a') {
				expect(run.json(NODE)).toEqual([
					{ status: 'OK', unitId: UNIT_PLAIN, serialNumber: '1720041130', typeName: 'CHECKTIME', profile: null, results: [expect.objectContaining({ typeName: 'CHECKTIME', status: 'queued' })] },
				]);
			}
			await eventually(async () => expect((await messages(UNIT_PLAIN, '&typeName=CHECKTIME')).map((row) => row.message)).toEqual([expect.stringMatching(/^TIME /)]));
		});

		test('one profile by serial number: each of its commands is queued', async () => {
			const run = await fk.run({ resource: 'unitInfo', operation: 'request', unit: unitRef(X33_SERIAL, 'serialNumber'), requestKind: 'profile', profile: 'controlStatusFull' });
			if (dialect === 'a') {
				expect((run.json(NODE)[0].results as IDataObject[]).map((result) => [result.typeName, result.status])).toEqual([
					['CHECKASTAT', 'queued'],
					['CHECKCOUNTERS', 'queued'],
					['CHECKTEMP', 'queued'],
					['CHECKSYS', 'queued'],
				]);
			}
			await eventually(async () => expect(new Set((await messages(UNIT_X33)).map((row) => row.typeName))).toEqual(new Set(['CHECKASTAT', 'CHECKCOUNTERS', 'CHECKTEMP', 'CHECKSYS'])));
		});

		test('an empty command type from an expression is refused locally', async () => {
			const run = await fk.run({ resource: 'unitInfo', operation: 'request', unit: unitRef(UNIT_PLAIN), requestKind: 'type', typeName: '={{ $json.type }}' }, { input: [{ type: '' }] });
			expect(run.error?.message).toMatch(/^Command Type: is required/);
			expect(fk.requests()).toHaveLength(0);
		});

		test('an empty profile from an expression is refused locally', async () => {
			const run = await fk.run({ resource: 'unitInfo', operation: 'request', unit: unitRef(UNIT_PLAIN), requestKind: 'profile', profile: '={{ "" }}' });
			expect(run.error?.message).toMatch(/^Profile: is required/);
			expect(fk.requests()).toHaveLength(0);
		});
	});

	describe('Unit Info → Get Messages', () => {
		test('newest first, one item per message, only approved types', async () => {
			const run = await fk.run({ resource: 'unitInfo', operation: 'getMessages', unit: unitRef(UNIT_PLAIN), limit: 50 });
			const rows = run.json(NODE);
			expect(rows.map((row) => row.typeName)).toEqual(['CHECKTEMP', 'CHECKSYS']);
			expect(Object.values(rows[0])).toEqual(expect.arrayContaining([5002, 'TEMP T1=21.4']));
			if (dialect === 'a') {
				expect(rows.map((row) => [row.messageId, row.typeName])).toEqual([
					[5002, 'CHECKTEMP'],
					[5001, 'CHECKSYS'],
				]);
			}
			if (dialect === 'a') expect(rows[0]).toEqual(expect.objectContaining({ unitId: UNIT_PLAIN, message: 'TEMP T1=21.4', timestampIso: expect.stringMatching(/Z$/), timestamp: expect.any(String) }));
			expect(pairedWith(run)).toEqual([0, 0]);
			expect(fk.requests('/UnitMessages')[0].query).toBe(`unitId=${UNIT_PLAIN}&limit=50`);
		});

		test('type filter and limit are sent', async () => {
			const run = await fk.run({ resource: 'unitInfo', operation: 'getMessages', unit: unitRef(UNIT_PLAIN), limit: 1, filters: { typeName: 'CHECKSYS' } });
			if (dialect === 'a') expect(run.json(NODE).map((row) => row.messageId)).toEqual([5001]);
			expect(run.json(NODE).map((row) => Object.values(row))).toEqual([expect.arrayContaining([5001, 'CHECKSYS'])]);
			expect(fk.requests('/UnitMessages')[0].query).toBe(`unitId=${UNIT_PLAIN}&typeName=CHECKSYS&limit=1`);
		});

		test.each([101, 0, 'ten'])('limit %p is refused locally (1–100), nothing sent', async (limit) => {
			const run = await fk.run({ resource: 'unitInfo', operation: 'getMessages', unit: unitRef(UNIT_PLAIN), limit: '={{ $json.limit }}' }, { input: [{ limit }] });
			expect(run.error?.message).toMatch(/^Limit: /);
			expect(fk.requests()).toHaveLength(0);
		});
	});
});

// What the node decides (which commands were queued, cached or rate limited, which message answers each)
// is checked in every dialect; the request answer and message rows it passes through as they came
// (b: data.commands, id, rawMessage; minimal: no unitId) are checked as dialect a's shapes in a only.
eachDialect(fk.handle, (dialect) => {
	describe('Unit Info → Request and Wait', () => {
		test('waits for the newer answer of that type, never the older stored one', async () => {
			const run = await fk.run(requestAndWait());
			expect(run.error).toBeUndefined();
			const [result] = run.json(NODE);
			if (dialect === 'a') expect(result).toMatchObject({ status: 'OK', unitId: UNIT_PLAIN, typeName: 'CHECKTEMP', results: [expect.objectContaining({ status: 'queued' })] });
			const answers = result.answers as Array<{ typeName: string; resultStatus: string; fresh: boolean; messages: MessageRow[] }>;
			expect(answers).toHaveLength(1);
			expect(answers[0]).toMatchObject({ typeName: 'CHECKTEMP', resultStatus: 'queued', fresh: true });
			expect(answers[0].messages).toHaveLength(1);
			const answer = answers[0].messages[0];
			const latest = (await messages(UNIT_PLAIN, '&typeName=CHECKTEMP'))[0];
			// It is the message the API now lists first, newer than the request (the row's ID key differs in b).
			expect(latest.messageId).not.toBe(5002);
			expect(Object.values(answer)).toContain(latest.messageId);
			expect(answer).toMatchObject({ typeName: 'CHECKTEMP', timestampIso: latest.timestampIso });
			expect(Date.parse(answer.timestampIso)).toBeGreaterThanOrEqual(Date.parse(String(result.requestedAtIso)));
			if (dialect === 'a') {
				expect(answer.messageId).not.toBe(5002);
				expect(latest).toEqual(answer);
			}
			// Read what was stored, queued, then polled.
			const calls = fk.requests().map((entry) => `${entry.method} ${entry.path}`);
			expect(calls.slice(0, 2)).toEqual(['GET /UnitMessages', 'POST /RequestUnitInfo']);
			expect(calls.slice(2).every((call) => call === 'GET /UnitMessages')).toBe(true);
		});

		test('a profile waits for every command it queued', async () => {
			const run = await fk.run(requestAndWait({ requestKind: 'profile', profile: 'controlStatusMedium' }));
			const answers = run.json(NODE)[0].answers as Array<{ typeName: string; fresh: boolean; messages: MessageRow[] }>;
			expect(answers.map((answer) => [answer.typeName, answer.fresh, answer.messages.length])).toEqual([
				['CHECKASTAT', true, 1],
				['CHECKCOUNTERS', true, 1],
				['CHECKTEMP', true, 1],
			]);
			expect(Object.values(answers[1].messages[0])).toContainEqual(expect.stringMatching(/^COUNTERS C1=/));
			if (dialect === 'a') expect(answers[1].messages[0].message).toMatch(/^COUNTERS C1=/);
		});

		test('a cached result is not waited for: the latest stored answer comes back, marked fresh: false', async () => {
			const before = await messages(UNIT_PLAIN, '&typeName=CHECKTEMP');
			await fk.api('POST', '/RequestUnitInfo', { unitId: UNIT_PLAIN, typeName: 'CHECKTEMP' });
			const [stored] = await eventually(async () => {
				const rows = await messages(UNIT_PLAIN, '&typeName=CHECKTEMP');
				return rows.length > before.length && rows;
			});
			const seen = fk.requests().length;
			const run = await fk.run(requestAndWait());
			const [result] = run.json(NODE);
			expect(result.answers).toEqual([{ typeName: 'CHECKTEMP', resultStatus: 'cached', fresh: false, messages: [expect.objectContaining({ typeName: 'CHECKTEMP', timestampIso: stored.timestampIso })] }]);
			expect(Object.values((result.answers as Array<{ messages: IDataObject[] }>)[0].messages[0])).toContain(stored.messageId);
			if (dialect === 'a') {
				expect(result.results).toEqual([expect.objectContaining({ typeName: 'CHECKTEMP', status: 'cached' })]);
				expect(result.answers).toEqual([{ typeName: 'CHECKTEMP', resultStatus: 'cached', fresh: false, messages: [stored] }]);
			}
			// No polling after the request.
			expect(fk.requests().slice(seen).map((entry) => entry.path)).toEqual(['/UnitMessages', '/RequestUnitInfo']);
		});

		test('"If Skipped: Fail" fails the item, naming the command and why', async () => {
			await fk.api('POST', '/RequestUnitInfo', { unitId: UNIT_PLAIN, typeName: 'CHECKSYS' });
			const run = await fk.run(requestAndWait({ typeName: 'CHECKSYS', waitOptions: { pollInterval: 0.1, ifSkipped: 'error' } }));
			expect(run.error?.message).toBe(`Unit Info: the API did not queue CHECKSYS (cached) for unit ${UNIT_PLAIN}`);
		});

		test('a rate-limited result is reported as such, with the latest stored answer', async () => {
			const config = fk.handle.sim.config.flexykey;
			const cacheMs = config.unitInfoCacheMs;
			config.unitInfoCacheMs = 0;
			try {
				for (let i = 0; i < 20; i++) await fk.api('POST', '/RequestUnitInfo', { unitId: UNIT_PLAIN, typeName: 'CHECKTIME' });
				const run = await fk.run(requestAndWait({ typeName: 'CHECKSYS' }));
				const [result] = run.json(NODE);
				expect(result.answers).toEqual([{ typeName: 'CHECKSYS', resultStatus: 'rateLimited', fresh: false, messages: [expect.objectContaining({ typeName: 'CHECKSYS' })] }]);
				expect(Object.values((result.answers as Array<{ messages: IDataObject[] }>)[0].messages[0])).toContain(5001);
				if (dialect === 'a') {
					expect(result.answers).toEqual([
						{ typeName: 'CHECKSYS', resultStatus: 'rateLimited', fresh: false, messages: [expect.objectContaining({ messageId: 5001, typeName: 'CHECKSYS' })] },
					]);
				}
			} finally {
				config.unitInfoCacheMs = cacheMs;
			}
		});

		test('timeout: a clear error naming what was waited for, after polling until then', async () => {
			fk.handle.sim.flexykey.setUnitOnline(UNIT_PLAIN, false);
			const run = await fk.run(requestAndWait({ timeout: 1, waitOptions: { pollInterval: 0.2 } }));
			expect(run.error?.message).toMatch(new RegExp(`^Unit Info: no answer to CHECKTEMP from unit ${UNIT_PLAIN} within 1 s \\(Timeout\\) of the request at \\d{4}-`));
			expect(run.error?.context?.itemIndex).toBe(0);
			// Polled until the deadline (the stored read, then at least one poll), paced by the poll interval
			// (n8n's sleep), not a busy loop: at most about five polls in 1 s at 0.2 s. A busy machine only
			// makes fewer, so neither bound depends on its speed.
			expect(fk.requests('/UnitMessages').length).toBeGreaterThanOrEqual(2);
			expect(fk.requests('/UnitMessages').length).toBeLessThanOrEqual(8);
		});

		test('timeout with continueOnFail: the error as the item\'s output, paired', async () => {
			fk.handle.sim.flexykey.setUnitOnline(UNIT_PLAIN, false);
			const run = await fk.run(requestAndWait({ timeout: 1, waitOptions: { pollInterval: 0.5 } }), { continueOnFail: true, input: [{ n: 1 }] });
			expect(run.json(NODE)).toEqual([{ error: expect.stringContaining('no answer to CHECKTEMP'), description: expect.stringContaining('Timeout') }]);
			expect(pairedWith(run)).toEqual([0]);
		});

		test.each([
			['timeout', { timeout: '={{ 0 }}' }, /^Timeout \(Seconds\): must be a positive number/],
			['poll interval', { waitOptions: { pollInterval: '={{ -1 }}' } }, /^Poll Interval \(Seconds\): must be a positive number/],
		])('a bad %s is refused locally', async (_label, parameters, message) => {
			const run = await fk.run(requestAndWait(parameters));
			expect(run.error?.message).toMatch(message);
			expect(fk.requests()).toHaveLength(0);
		});
	});
});

// The commands and profiles in every dialect; the catalog's descriptions, which `minimal` leaves out, in a and b.
eachDialect(fk.handle, (dialect) => {
	describe('unit info dropdowns (loadOptions, real LoadOptionsContext)', () => {
		test('command types, with the catalog descriptions', async () => {
			const options = await fk.loadOptions('getUnitInfoTypes');
			expect(options).toHaveLength(13);
			expect(options).toContainEqual(expect.objectContaining({ name: 'CHECKTEMP', value: 'CHECKTEMP' }));
			if (dialect !== 'minimal') expect(options).toContainEqual({ name: 'CHECKTEMP', value: 'CHECKTEMP', description: 'Current temperature response' });
			expect(options.map((option) => option.value)).not.toContain('CHECKDEBUG');
		});

		test('profiles, with the commands each runs', async () => {
			const options = await fk.loadOptions('getUnitInfoProfiles');
			expect(options).toEqual([
				expect.objectContaining({ name: 'controlStatusFull', value: 'controlStatusFull', description: expect.stringMatching(/\(CHECKASTAT, CHECKCOUNTERS, CHECKTEMP, CHECKSYS\)$/) }),
				expect.objectContaining({ name: 'controlStatusMedium', value: 'controlStatusMedium', description: expect.stringMatching(/\(CHECKASTAT, CHECKCOUNTERS, CHECKTEMP\)$/) }),
			]);
			if (dialect !== 'minimal') expect(options).toEqual([
				{ name: 'controlStatusFull', value: 'controlStatusFull', description: 'Status, counters, temperature and system information (CHECKASTAT, CHECKCOUNTERS, CHECKTEMP, CHECKSYS)' },
				{ name: 'controlStatusMedium', value: 'controlStatusMedium', description: 'Status, counters and temperature (CHECKASTAT, CHECKCOUNTERS, CHECKTEMP)' },
			]);
			expect(fk.requests()).toEqual([expect.objectContaining({ path: '/RequestUnitInfoTypes', status: 200 })]);
		});
	});
});
