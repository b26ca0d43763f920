/** FlexyKey → Setting: Get Definitions, Get Many, Update (checked against the definitions), and the dropdown. */
import { eachDialect } from '../../harness/simulator';
import { NODE, UNIT_PLAIN, UNIT_WEXP, listIn, pairedWith, unitRef, useFlexyKeyNode } from './helpers';

const fk = useFlexyKeyNode();

const update = (parameters: Record<string, unknown>) => ({ resource: 'setting', operation: 'update', unit: unitRef(UNIT_PLAIN), params: '', ...parameters });
const row = (unitId: number, setting: string) => fk.handle.sim.flexykey.settings(unitId).find((candidate) => candidate.setting === setting);
const storedValue = (unitId: number, setting: string) =>
	(fk.handle.sim.flexykey.state() as { settings: Array<{ unitId: number; setting: string; value: string }> }).settings.find(
		(candidate) => candidate.unitId === unitId && candidate.setting === setting,
	)?.value;

// Every answer these tests read is of an inferred shape (or an error body, also inferred): they run in
// every dialect; what the node passes through as it came is checked as dialect a's shape in a only.
eachDialect(fk.handle, (dialect) => {
	describe('Setting → Get Definitions', () => {
		test('one item per approved setting, rules as the API gives them', async () => {
			const run = await fk.run({ resource: 'setting', operation: 'getDefinitions' });
			const { body } = await fk.api<unknown[]>('GET', '/UnitSettings/Definitions');
			if (dialect === 'a') expect(run.json(NODE)).toEqual(body);
			if (dialect === 'a') expect(run.json(NODE).map((definition) => definition.setting)).toEqual(['DefaultRelayPulse', 'WifiMode', 'WifiName', 'WifiPassword']);
			// In every dialect: the rows exactly as the server listed them in that dialect (b under `settings`).
			expect(run.json(NODE)).toEqual(listIn((await fk.api('GET', '/UnitSettings/Definitions', undefined, dialect)).body));
		});
	});

	describe('Setting → Get Many', () => {
		test('the unit\'s setting rows, one item each', async () => {
			const run = await fk.run({ resource: 'setting', operation: 'getMany', unit: unitRef(UNIT_PLAIN) });
			if (dialect === 'a') expect(run.json(NODE)).toEqual(fk.handle.sim.flexykey.settings(UNIT_PLAIN));
			expect(run.json(NODE)).toEqual(listIn((await fk.api('GET', `/UnitSettings?unitId=${UNIT_PLAIN}`, undefined, dialect)).body));
			expect(run.json(NODE).map((setting) => setting.setting)).toEqual(['DefaultRelayPulse', 'WifiMode', 'WifiName']);
			expect(pairedWith(run)).toEqual([0, 0, 0]);
			expect(fk.requests('/UnitSettings')[0].query).toBe(`unitId=${UNIT_PLAIN}`);
		});
	});
});

// The rules are checked and the row is output (b wraps it under `unitSetting`) in every dialect; the
// row's optional fields (unitId, params: null, unitSyncState), which `minimal` leaves out, in a and b.
eachDialect(fk.handle, (dialect) => {
	describe('Setting → Update', () => {
		test('changes an existing setting and marks it changed for the next push', async () => {
			const run = await fk.run(update({ setting: 'WifiMode', value: 'AP' }));
			expect(run.error).toBeUndefined();
			expect(run.json(NODE)).toEqual([expect.objectContaining({ setting: 'WifiMode', value: 'AP' })]);
			if (dialect !== 'minimal') expect(run.json(NODE)).toEqual([expect.objectContaining({ unitId: UNIT_PLAIN, setting: 'WifiMode', params: null, value: 'AP', unitSyncState: 'changed' })]);
			expect(row(UNIT_PLAIN, 'WifiMode')).toMatchObject({ value: 'AP', unitSyncState: 'changed' });
		});

		test('creates a setting with params (DefaultRelayPulse for relay R2)', async () => {
			const run = await fk.run(update({ unit: unitRef(UNIT_WEXP), setting: 'DefaultRelayPulse', params: 'R2', value: '12' }));
			expect(run.json(NODE)[0]).toMatchObject({ setting: 'DefaultRelayPulse', params: 'R2', value: '12' });
			if (dialect !== 'minimal') expect(run.json(NODE)[0]).toMatchObject({ setting: 'DefaultRelayPulse', params: 'R2', value: '12', unitSyncState: 'changed' });
			expect(fk.handle.sim.flexykey.settings(UNIT_WEXP).find((setting) => setting.setting === 'DefaultRelayPulse' && setting.params === 'R2')).toMatchObject({ value: '12', unitSyncState: 'changed' });
			expect(fk.handle.sim.flexykey.settings(UNIT_WEXP).filter((setting) => setting.setting === 'DefaultRelayPulse').map((setting) => setting.params)).toEqual(['R1', 'R2']);
		});

		test('WifiPassword goes through the password field; the API masks it on read', async () => {
			const run = await fk.run(update({ setting: 'WifiPassword', secretValue: 'correct horse battery' }));
			expect(run.json(NODE)[0]).toMatchObject({ setting: 'WifiPassword', value: '********' });
			expect(storedValue(UNIT_PLAIN, 'WifiPassword')).toBe('correct horse battery');
		});

		test('definitions are read once per run, not per item', async () => {
			const run = await fk.run(update({ setting: 'WifiName', value: '={{ $json.name }}' }), { input: [{ name: 'One' }, { name: 'Two' }, { name: 'Three' }] });
			expect(run.json(NODE).map((setting) => setting.value)).toEqual(['One', 'Two', 'Three']);
			expect(fk.requests('/UnitSettings/Definitions')).toHaveLength(1);
			expect(fk.requests('/UnitSettings', 'PUT')).toHaveLength(3);
			expect(row(UNIT_PLAIN, 'WifiName')?.value).toBe('Three');
		});

		test('the definitions memo lives for one execution: the next execution reads them again', async () => {
			await fk.run(update({ setting: 'WifiName', value: 'First' }));
			await fk.run(update({ setting: 'WifiName', value: '={{ $json.name }}' }), { input: [{ name: 'Second' }, { name: 'Third' }] });
			expect(fk.requests('/UnitSettings/Definitions')).toHaveLength(2);
			expect(row(UNIT_PLAIN, 'WifiName')?.value).toBe('Third');
		});

		test.each([
			['WifiMode', 'BOGUS', '', 'Value: "BOGUS" is not valid for WifiMode: it must be one of OFF, CLIENT, AP'],
			['DefaultRelayPulse', '0', 'R1', 'Value: "0" is not valid for DefaultRelayPulse: it must be a whole number 1–99999'],
			['DefaultRelayPulse', '2.5', 'R1', 'Value: "2.5" is not valid for DefaultRelayPulse: it must be a whole number 1–99999'],
			['DefaultRelayPulse', '5', '', 'Params: is required for DefaultRelayPulse (relay: R1, R2)'],
			['DefaultRelayPulse', '5', 'R3', 'Params: "R3" is not valid for DefaultRelayPulse: relay must be one of R1, R2'],
			['WifiMode', 'AP', 'R1', 'Params: WifiMode takes no params; leave it empty'],
			['WifiName', 'x'.repeat(33), '', 'Value: "' + 'x'.repeat(33) + '" is too long for WifiName: at most 32 characters'],
			['Foo', '1', '', 'Setting: "Foo" is not an approved setting (approved: DefaultRelayPulse, WifiMode, WifiName, WifiPassword)'],
		])('%s = %p (params %p) is refused before any write', async (setting, value, params, message) => {
			const run = await fk.run(update({ setting: '={{ $json.setting }}', value: '={{ $json.value }}', params: '={{ $json.params }}' }), { input: [{ setting, value, params }] });
			expect(run.error?.message).toBe(message);
			expect(run.error?.context?.itemIndex).toBe(0);
			// Only the definitions were read (the rules come from the API); nothing was written.
			expect(fk.requests().map((entry) => `${entry.method} ${entry.path}`)).toEqual(['GET /UnitSettings/Definitions']);
		});

		test('an empty value is refused before any request', async () => {
			const run = await fk.run(update({ setting: 'WifiName', value: '={{ $json.value }}' }), { input: [{ value: '' }] });
			expect(run.error?.message).toBe('Value: is required for WifiName');
			expect(fk.requests()).toHaveLength(0);
		});

		test('a too-short WifiPassword is refused without echoing the secret', async () => {
			const run = await fk.run(update({ setting: 'WifiPassword', secretValue: 'hunter2' }));
			expect(run.error?.message).toBe('Value: The value is too short for WifiPassword: at least 8 characters');
			expect(`${run.error?.message} ${run.error?.description}`).not.toContain('hunter2');
			expect(fk.requests('/UnitSettings', 'PUT')).toHaveLength(0);
		});

		test('with continueOnFail a bad item fails alone; the others are written', async () => {
			const run = await fk.run(update({ setting: 'WifiMode', value: '={{ $json.mode }}' }), { continueOnFail: true, input: [{ mode: 'OFF' }, { mode: 'LOUD' }, { mode: 'CLIENT' }] });
			expect(run.json(NODE)).toEqual([
				expect.objectContaining({ value: 'OFF' }),
				{ error: 'Value: "LOUD" is not valid for WifiMode: it must be one of OFF, CLIENT, AP', description: expect.stringContaining('Nothing was sent') },
				expect.objectContaining({ value: 'CLIENT' }),
			]);
			expect(pairedWith(run)).toEqual([0, 1, 2]);
			expect(fk.requests('/UnitSettings', 'PUT')).toHaveLength(2);
		});
	});
});

// The settings in every dialect; their descriptions, which `minimal` leaves out, in a and b.
eachDialect(fk.handle, (dialect) => {
	describe('getSettingDefinitions (loadOptions, real LoadOptionsContext)', () => {
		test('the approved settings with their descriptions', async () => {
			const options = await fk.loadOptions('getSettingDefinitions');
			expect(options.map((option) => [option.name, option.value])).toEqual(['DefaultRelayPulse', 'WifiMode', 'WifiName', 'WifiPassword'].map((name) => [name, name]));
			if (dialect !== 'minimal') expect(options).toEqual([
				{ name: 'DefaultRelayPulse', value: 'DefaultRelayPulse', description: 'Default pulse length in seconds for a relay' },
				{ name: 'WifiMode', value: 'WifiMode', description: 'Wi-Fi mode of the unit' },
				{ name: 'WifiName', value: 'WifiName', description: 'Wi-Fi network name (SSID)' },
				{ name: 'WifiPassword', value: 'WifiPassword', description: 'Wi-Fi password (WPA2)' },
			]);
		});
	});
});
