import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { ItemScope } from '../../../shared/run-scope';
import { invalidInput } from '../../../shared/validation';
import { unitField, unitIdOf } from '../../fields/unit';
import { describeTopLevel, isObject, mismatchMessage, REPORT_HINT, valueOr, type Reading } from '../../../shared/contract';
import { readList, readSettingDefinitions, readSettingRow, SERVICE, type SettingRules } from '../../contract';
import { flexyKeyApi, type FlexyKeyOperation } from '../../transport';
import { showFor } from '../../../shared/display';

/** The documented setting whose value is a secret: its value field is a password field. */
const SECRET_SETTING = 'WifiPassword';

/** `PUT /UnitSettings`: creates or updates one approved setting; push changes afterwards to send it to the unit. */
export const update: FlexyKeyOperation = {
	properties: showFor('setting', 'update', [
		unitField(),
		{
			displayName: 'Setting Name or ID',
			name: 'setting',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getSettingDefinitions' },
			required: true,
			default: '',
			description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			hint: 'Only settings approved by the public catalog (Setting → Get Definitions) can be changed',
		},
		{
			displayName: 'Value',
			name: 'value',
			type: 'string',
			default: '',
			description: 'The new value. It is checked against the setting\'s rules (type, range, allowed values, length) before sending.',
			displayOptions: { hide: { setting: [SECRET_SETTING] } },
		},
		{
			displayName: 'Value',
			name: 'secretValue',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The new Wi-Fi password (8–63 characters for WPA2). It is never shown again: the API masks it on read.',
			displayOptions: { show: { setting: [SECRET_SETTING] } },
		},
		{
			displayName: 'Params',
			name: 'params',
			type: 'string',
			default: '',
			placeholder: 'R1',
			description: 'The setting\'s parameter, for settings that take one: e.g. the relay (R1, R2) for DefaultRelayPulse. Leave empty for the others.',
		},
	]),
	async run(item) {
		const setting = String(this.getNodeParameter('setting', item.index, '') ?? '').trim();
		if (setting === '') throw invalidInput(this, item, 'Setting', 'is required: pick an approved setting');
		const secret = setting === SECRET_SETTING;
		const read = (name: string) => {
			const raw = this.getNodeParameter(name, item.index, '');
			return raw === undefined || raw === null ? '' : String(raw);
		};
		// With the setting from an expression both value fields show; the password field wins for WifiPassword.
		const value = secret ? read('secretValue') || read('value') : read('value');
		if (value === '') throw invalidInput(this, item, 'Value', `is required for ${setting}`);
		const params = String(this.getNodeParameter('params', item.index, '') ?? '').trim();
		const unitId = await unitIdOf(this, item);

		const { rules, warnings } = await rulesFor(this, item, setting);
		if (rules) checkAgainstRules(this, item, rules, value, params);

		const body: IDataObject = { unitId, setting, value };
		if (params !== '') body.params = params;
		const answer = await flexyKeyApi(this, item).put('/UnitSettings', body);
		// The row the server answered with, wherever it put it; the answer as it came when none is found.
		const result = valueOr(readSettingRow(answer), answer);
		// A check that could not be made is said in the output, never skipped silently.
		return warnings.length > 0 ? { ...(isObject(result) ? result : { result }), warnings } : result;
	},
};

/** `GET /UnitSettings/Definitions`, read once per execution however many items there are (a failed read is retried by the next item). */
function definitionsOnce(ctx: IExecuteFunctions, item: ItemScope): Promise<Reading<IDataObject[]>> {
	return item.memo.once('flexyKey:settingDefinitions', async () => readList('settingDefinitions', await flexyKeyApi(ctx, item).get('/UnitSettings/Definitions')));
}

/**
 * The rules of `setting`, and what could not be checked. An unknown setting in a readable,
 * non-empty catalog is refused before sending; rules that cannot be read become warnings.
 */
async function rulesFor(ctx: IExecuteFunctions, item: ItemScope, setting: string): Promise<{ rules?: SettingRules; warnings: string[] }> {
	const unchecked = 'the value was sent without the local check; the server checks it again';
	const reading = await definitionsOnce(ctx, item);
	if (!reading.ok) {
		return { warnings: [`${mismatchMessage(SERVICE, 'GET /UnitSettings/Definitions', reading)}: ${unchecked}. ${REPORT_HINT}`] };
	}
	const definitions = readSettingDefinitions(reading.value);
	if (definitions.length === 0) {
		const why = reading.value.length === 0 ? 'lists no settings' : `has no setting names this node can read (${describeTopLevel(reading.value)})`;
		return { warnings: [`The setting rules could not be read: GET /UnitSettings/Definitions ${why}, so ${unchecked}. ${REPORT_HINT}`] };
	}
	const rules = definitions.find((candidate) => candidate.setting === setting);
	if (!rules) {
		throw invalidInput(ctx, item, 'Setting', `"${setting}" is not an approved setting (approved: ${definitions.map((entry) => entry.setting).join(', ')})`);
	}
	const warnings =
		rules.unreadKeys.length > 0
			? [`The rules of ${setting} have keys this node cannot read (${rules.unreadKeys.join(', ')}): the value was checked only against the rules it could read; the server checks it again. ${REPORT_HINT}`]
			: [];
	return { rules, warnings };
}

/** The value and params against a definition's rules. A secret's value never appears in a message. */
function checkAgainstRules(ctx: IExecuteFunctions, item: ItemScope, rules: SettingRules, value: string, params: string): void {
	const name = rules.setting;
	const shown = rules.sensitive || name === SECRET_SETTING ? 'The value' : `"${value}"`;
	const field = 'Value';
	const { min, max } = rules;
	if (rules.integer || rules.numeric) {
		const text = value.trim();
		const number = Number(text);
		const wellFormed = rules.integer ? /^-?\d+$/.test(text) : text !== '' && Number.isFinite(number);
		if (!wellFormed || (min !== undefined && number < min) || (max !== undefined && number > max)) {
			const range = min !== undefined && max !== undefined ? ` ${min}–${max}` : '';
			throw invalidInput(ctx, item, field, `${shown} is not valid for ${name}: it must be a ${rules.integer ? 'whole ' : ''}number${range}`);
		}
	}
	const allowed = rules.allowedValues;
	if (allowed && allowed.length > 0 && !allowed.includes(value)) {
		throw invalidInput(ctx, item, field, `${shown} is not valid for ${name}: it must be one of ${allowed.join(', ')}`);
	}
	if (rules.minLength !== undefined && value.length < rules.minLength) {
		throw invalidInput(ctx, item, field, `${shown} is too short for ${name}: at least ${rules.minLength} characters`);
	}
	if (rules.maxLength !== undefined && value.length > rules.maxLength) {
		throw invalidInput(ctx, item, field, `${shown} is too long for ${name}: at most ${rules.maxLength} characters`);
	}

	const rule = rules.params;
	if (rule === undefined) return;
	if (rule === null) {
		if (params !== '') throw invalidInput(ctx, item, 'Params', `${name} takes no params; leave it empty`);
		return;
	}
	const allowedParams = rule.allowedValues;
	if (params === '') {
		if (rule.required) {
			throw invalidInput(ctx, item, 'Params', `is required for ${name} (${rule.label}${allowedParams.length ? `: ${allowedParams.join(', ')}` : ''})`);
		}
		return;
	}
	if (allowedParams.length > 0 && !allowedParams.includes(params)) {
		throw invalidInput(ctx, item, 'Params', `"${params}" is not valid for ${name}: ${rule.label} must be one of ${allowedParams.join(', ')}`);
	}
}
