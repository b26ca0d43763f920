import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { ItemScope } from '../../../shared/executor';
import { invalidInput } from '../../../shared/validation';
import { unitField, unitIdOf } from '../../fields/unit';
import { toRows } from '../../../shared/paging';
import type { FlexyKeyOperation } from '../../transport';
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
	async run(item, ctx) {
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

		// Read once per execution however many items there are (a failed read is retried by the next item).
		const definitions = await ctx.memo.once('flexyKey:settingDefinitions', async () => toRows(await ctx.flexyKey.get('/UnitSettings/Definitions')));
		const definition = definitions.find((candidate) => candidate.setting === setting);
		if (definitions.length > 0 && !definition) {
			throw invalidInput(this, item, 'Setting', `"${setting}" is not an approved setting (approved: ${definitions.map((entry) => entry.setting).join(', ')})`);
		}
		if (definition) checkAgainstDefinition(this, item, definition, value, params);

		const body: IDataObject = { unitId, setting, value };
		if (params !== '') body.params = params;
		return ctx.flexyKey.put('/UnitSettings', body);
	},
};

const asNumber = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const asStrings = (value: unknown): string[] | undefined => (Array.isArray(value) ? value.map(String) : undefined);

/**
 * The definition's rules, where it states them (inferred field names: type, min, max,
 * allowedValues, minLength, maxLength, params {required, allowedValues}). A secret's value never
 * appears in a message.
 */
function checkAgainstDefinition(ctx: IExecuteFunctions, item: ItemScope, definition: IDataObject, value: string, params: string): void {
	const name = String(definition.setting);
	const shown = definition.sensitive === true || name === SECRET_SETTING ? 'The value' : `"${value}"`;
	const field = 'Value';

	if (definition.type === 'integer') {
		const min = asNumber(definition.min);
		const max = asNumber(definition.max);
		const number = Number(value.trim());
		if (!/^-?\d+$/.test(value.trim()) || (min !== undefined && number < min) || (max !== undefined && number > max)) {
			const range = min !== undefined && max !== undefined ? ` ${min}–${max}` : '';
			throw invalidInput(ctx, item, field, `${shown} is not valid for ${name}: it must be a whole number${range}`);
		}
	}
	const allowed = asStrings(definition.allowedValues);
	if (allowed && allowed.length > 0 && !allowed.includes(value)) {
		throw invalidInput(ctx, item, field, `${shown} is not valid for ${name}: it must be one of ${allowed.join(', ')}`);
	}
	const minLength = asNumber(definition.minLength);
	const maxLength = asNumber(definition.maxLength);
	if (minLength !== undefined && value.length < minLength) {
		throw invalidInput(ctx, item, field, `${shown} is too short for ${name}: at least ${minLength} characters`);
	}
	if (maxLength !== undefined && value.length > maxLength) {
		throw invalidInput(ctx, item, field, `${shown} is too long for ${name}: at most ${maxLength} characters`);
	}

	if (!('params' in definition)) return;
	const rule = definition.params as IDataObject | null;
	if (rule === null || typeof rule !== 'object') {
		if (params !== '') throw invalidInput(ctx, item, 'Params', `${name} takes no params; leave it empty`);
		return;
	}
	const allowedParams = asStrings(rule.allowedValues) ?? [];
	const label = typeof rule.name === 'string' ? rule.name : 'params';
	if (params === '') {
		if (rule.required === true) {
			throw invalidInput(ctx, item, 'Params', `is required for ${name} (${label}${allowedParams.length ? `: ${allowedParams.join(', ')}` : ''})`);
		}
		return;
	}
	if (allowedParams.length > 0 && !allowedParams.includes(params)) {
		throw invalidInput(ctx, item, 'Params', `"${params}" is not valid for ${name}: ${label} must be one of ${allowedParams.join(', ')}`);
	}
}
