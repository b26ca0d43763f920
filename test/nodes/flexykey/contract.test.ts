/**
 * FlexyKey when the real API answers an inferred shape differently: other plausible dialects are
 * read (the reader says which), and a shape nobody guessed fails loudly (dropdowns) or is said in
 * the output (setting rules) instead of degrading silently. The simulator does the work; a proxy
 * in front of it re-shapes the answers.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { DIALECTS } from '../../../simulator/core/dialect';
import { callLoadOptions } from '../../harness/load-options';
import { startReshapeProxy, type ReshapeProxy } from '../../harness/reshape-proxy';
import { runWorkflow } from '../../harness/run-workflow';
import { useSimulator } from '../../harness/simulator';
import { chain } from '../../harness/workflow-builder';
import { NODE, OFFLINE_SYNC_FAILURE, UNIT_PLAIN, unitRef } from './helpers';

const handle = useSimulator();
let proxy: ReshapeProxy;

beforeAll(async () => {
	proxy = await startReshapeProxy();
});
afterAll(async () => proxy.close());
afterEach(() => {
	proxy.clear();
	handle.sim.flexykey.setUnitOnline(UNIT_PLAIN, true);
});

const credentials = () => proxy.credentials(handle.credentials());
const run = (parameters: INodeParameters) => runWorkflow(chain({ name: NODE, type: 'flexyKey', parameters }), { credentials: credentials() });
const loadOptions = (method: string, parameters: INodeParameters = {}) =>
	callLoadOptions(method, { nodeType: 'flexyKey', credentialType: 'flexyKeyApi', parameters, credentials: credentials() });
const requests = (path: string, method: string) => handle.sim.flexykey.requestLog.filter((entry) => entry.path === path && entry.method === method);

/** Renames keys of every object in a JSON value (deep). */
function renameKeys(value: unknown, names: Record<string, string>): unknown {
	if (Array.isArray(value)) return value.map((entry) => renameKeys(entry, names));
	if (typeof value !== 'object' || value === null) return value;
	return Object.fromEntries(Object.entries(value).map(([key, child]) => [names[key] ?? key, renameKeys(child, names)]));
}

describe('unit-info catalog dropdowns', () => {
	test('a catalog in another dialect (snake_case keys, wrapped in data, other list names) still fills the dropdowns', async () => {
		proxy.reshape('GET', '/RequestUnitInfoTypes', (body) => ({
			data: renameKeys(body, { types: 'command_types', typeName: 'type_name', profiles: 'profile_list', profile: 'profile_name', typeNames: 'commands' }),
		}));
		const types = await loadOptions('getUnitInfoTypes');
		expect(types.map((option) => option.value)).toEqual(expect.arrayContaining(['CHECKTEMP', 'CHECKSYS', 'CHECKWEXP']));
		const profiles = await loadOptions('getUnitInfoProfiles');
		expect(profiles.map((option) => option.value)).toEqual(['controlStatusFull', 'controlStatusMedium']);
		expect(profiles[0].description).toContain('CHECKASTAT, CHECKCOUNTERS, CHECKTEMP, CHECKSYS');
	});

	test('a catalog shape nobody guessed is a loud error naming the endpoint and the keys seen, never an empty list', async () => {
		proxy.reshape('GET', '/RequestUnitInfoTypes', () => ({ version: 2, commandCatalog: 'CHECKASTAT;CHECKTEMP' }));
		const attempt = loadOptions('getUnitInfoTypes');
		await expect(attempt).rejects.toThrow(/FlexyKey: the answer to GET \/RequestUnitInfoTypes is not in a shape this node can read/);
		await expect(loadOptions('getUnitInfoTypes')).rejects.toThrow(/top-level keys: version, commandCatalog/);
		await expect(loadOptions('getUnitInfoTypes')).rejects.toMatchObject({ description: expect.stringMatching(/Please report this/) });
	});

	test('an unreadable setting catalog fails the Setting dropdown loudly', async () => {
		proxy.reshape('GET', '/UnitSettings/Definitions', () => ({ approved: 'see FlexyWeb' }));
		await expect(loadOptions('getSettingDefinitions')).rejects.toThrow(/GET \/UnitSettings\/Definitions .*top-level keys: approved/);
	});
});

describe('Setting → Update when the rules come in another shape', () => {
	const update = (setting: string, value: string) => ({ resource: 'setting', operation: 'update', unit: unitRef(UNIT_PLAIN), params: '', setting, value });

	test('rules in another dialect (nested under rules, snake_case) are still checked before sending', async () => {
		proxy.reshape('GET', '/UnitSettings/Definitions', (body) => ({
			definitions: (body as IDataObject[]).map(({ setting, description, ...rules }) => ({ setting_name: setting, description, rules: renameKeys(rules, { allowedValues: 'allowed_values', maxLength: 'max_length', minLength: 'min_length' }) })),
		}));
		const result = await run(update('WifiMode', 'TURBO'));
		expect(result.error?.message).toBe('Value: "TURBO" is not valid for WifiMode: it must be one of OFF, CLIENT, AP');
		expect(requests('/UnitSettings', 'PUT')).toHaveLength(0);
	});

	test('rules that cannot be read at all: the value is sent and the output says it was not checked', async () => {
		proxy.reshape('GET', '/UnitSettings/Definitions', () => ({ approved: 'see FlexyWeb' }));
		const result = await run(update('WifiMode', 'AP'));
		expect(result.error).toBeUndefined();
		const [out] = result.json(NODE);
		expect(out).toMatchObject({ setting: 'WifiMode', value: 'AP' });
		expect(out.warnings).toEqual([expect.stringMatching(/GET \/UnitSettings\/Definitions .*top-level keys: approved.*sent without the local check/)]);
		expect(requests('/UnitSettings', 'PUT')).toHaveLength(1);
	});

	test('a rule key the node cannot read is named in a warning', async () => {
		proxy.reshape('GET', '/UnitSettings/Definitions', (body) =>
			(body as IDataObject[]).map((definition) => (definition.setting === 'WifiName' ? { ...definition, pattern: '^[ -~]+$' } : definition)),
		);
		const result = await run(update('WifiName', 'Office'));
		expect(result.json(NODE)[0].warnings).toEqual([expect.stringMatching(/rules of WifiName have keys this node cannot read \(pattern\)/)]);
	});

	test('the strict shape gives no warnings', async () => {
		const result = await run(update('WifiMode', 'AP'));
		expect(result.json(NODE)[0].warnings).toBeUndefined();
	});
});

describe('Sync → Push Changes and Wait when the status comes in another shape', () => {
	const pendingEntry = () => handle.sim.flexykey;
	const push = async (extra: IDataObject = {}) => {
		const { username, password } = { username: String(handle.credentials().flexyKeyApi.username), password: String(handle.credentials().flexyKeyApi.password) };
		await fetch(`${handle.sim.urls.flexykey}/UnitIdEntries`, {
			method: 'POST',
			headers: { Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ unitId: UNIT_PLAIN, idNumber: '+46705550101', action: 'R1' }),
		});
		pendingEntry().setUnitOnline(UNIT_PLAIN, false);
		return run({ resource: 'sync', operation: 'pushAndWait', unit: unitRef(UNIT_PLAIN), syncTimeout: 30, ...extra });
	};

	test('a failed sync whose reason sits under another key is reported with that reason, not "failed: failed"', async () => {
		proxy.reshape('GET', '/UnitSync/Status', (body) => {
			const { resultMessage, ...rest } = body as IDataObject;
			return { ...rest, error: resultMessage };
		});
		const result = await push();
		expect(result.error?.message).toMatch(/^FlexyKey sync \d+ on unit 3023 failed: Unit did not respond: 1 packets not delivered \(status: failed, 0%\)$/);
		expect(result.error?.message).not.toMatch(/failed: failed/);
	});

	test('a status in another dialect (state, progress, wrapped in data) is followed to its end', async () => {
		proxy.reshape('GET', '/UnitSync/Status', (body) => {
			const { status, active, percent, resultMessage, ...rest } = body as IDataObject;
			return { data: { ...rest, state: String(status).toUpperCase(), inProgress: active, progress: percent, errorMessage: resultMessage } };
		});
		const result = await push();
		// the node's own word for the outcome, the server's as it came in the parentheses
		expect(result.error?.message).toMatch(/^FlexyKey sync \d+ on unit 3023 failed: Unit did not respond: 1 packets not delivered \(status: FAILED, 0%\)$/);
	});

	test('Output the Status: the outcome is the node\'s own word (failed), whatever case the server writes', async () => {
		proxy.reshape('GET', '/UnitSync/Status', (body) => {
			const { status, ...rest } = body as IDataObject;
			return { ...rest, status: String(status).toUpperCase() };
		});
		const result = await push({ ifNotCompleted: 'output' });
		expect(result.error).toBeUndefined();
		const [out] = result.json(NODE);
		expect(out.outcome).toBe('failed');
		expect(out.finalStatus).toMatchObject({ status: 'FAILED' });
	});
});

describe.each(DIALECTS)('simulator dialect %s: the readers meet the server\'s own reading', (dialect) => {
	beforeEach(() => {
		handle.sim.config.dialect = dialect;
	});
	afterEach(() => {
		handle.sim.config.dialect = 'a';
	});

	test('the catalog, setting and booking-object dropdowns are filled', async () => {
		expect((await loadOptions('getUnitInfoTypes')).map((option) => option.value)).toEqual(expect.arrayContaining(['CHECKTEMP', 'CHECKSYS']));
		expect((await loadOptions('getUnitInfoProfiles')).map((option) => option.value)).toEqual(['controlStatusFull', 'controlStatusMedium']);
		expect((await loadOptions('getSettingDefinitions')).map((option) => option.value)).toEqual(['DefaultRelayPulse', 'WifiMode', 'WifiName', 'WifiPassword']);
		expect((await loadOptions('getBookingObjects')).length).toBeGreaterThan(0);
	});

	test('a setting value outside its allowed values is refused before sending, or the output says it was not checked', async () => {
		const result = await run({ resource: 'setting', operation: 'update', unit: unitRef(UNIT_PLAIN), params: '', setting: 'WifiMode', value: 'TURBO' });
		if (result.error?.message.startsWith('Value:')) {
			expect(requests('/UnitSettings', 'PUT')).toHaveLength(0);
		} else {
			// The server refused it; the node must not have claimed a check it could not make.
			expect(requests('/UnitSettings', 'PUT')).toHaveLength(1);
			expect(result.error?.message).toMatch(/\(HTTP 400\)/);
		}
	});

	test('a failed sync is reported as failed, with the server\'s reason where it sends one', async () => {
		const { username, password } = handle.credentials().flexyKeyApi as { username: string; password: string };
		await fetch(`${handle.sim.urls.flexykey}/UnitIdEntries`, {
			method: 'POST',
			headers: { Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ unitId: UNIT_PLAIN, idNumber: '+46705550101', action: 'R1' }),
		});
		handle.sim.flexykey.setUnitOnline(UNIT_PLAIN, false);
		const result = await run({ resource: 'sync', operation: 'pushAndWait', unit: unitRef(UNIT_PLAIN), syncTimeout: 30 });
		expect(result.error?.message).toBe(`FlexyKey sync ${handle.sim.flexykey.syncs(UNIT_PLAIN)[0].syncId} on unit 3023 failed: ${OFFLINE_SYNC_FAILURE[dialect]}`);
		// `minimal` drops the optional reason; the others send it and it must be shown.
		if (dialect !== 'minimal') expect(result.error?.message).toMatch(/Unit did not respond/);
	});
});

describe('Set Output → Wait for Confirmation reads GET /Control through the reader', () => {
	const setOutput = { resource: 'control', operation: 'setOutput', unit: unitRef(UNIT_PLAIN), outputNumber: 'F1', outputAction: 'ON', waitForConfirmation: true, confirmTimeout: 4, confirmInterval: 2 };
	const ioLists = (status: Record<string, unknown>, map: (io: { globalNumber: string; state: string }) => unknown) => ({
		...status,
		...Object.fromEntries(['inputs', 'fOutputs', 'xOutputs', 'xInputs'].map((group) => [group, ((status[group] as Array<{ globalNumber: string; state: string }> | null) ?? []).map(map)])),
	});

	test('IO items as { number, isOn }: confirmed as usual', async () => {
		proxy.reshape('GET', '/Control', (body) => ioLists(body as Record<string, unknown>, (io) => ({ number: io.globalNumber, isOn: io.state === 'ON' })));
		const result = await run(setOutput);
		expect(result.error).toBeUndefined();
		expect(result.json(NODE)[0]).toMatchObject({ confirmed: true, confirmedState: 'ON' });
	});

	test('IO items nobody can read: the item fails at once naming GET /Control, not "not confirmed" after the timeout; the command was sent once', async () => {
		proxy.reshape('GET', '/Control', (body) => ioLists(body as Record<string, unknown>, (io) => ({ ref: io.globalNumber, level: 'high' })));
		const result = await run(setOutput);
		expect(result.error?.message).toMatch(/^FlexyKey: the answer to GET \/Control is not in a shape this node can read: expected IO items with a globalNumber and an ON\/OFF state .*got top-level keys: ref, level/);
		expect(requests('/Control', 'POST')).toHaveLength(1);
		expect(requests('/Control', 'GET')).toHaveLength(1);
	});
});
