/**
 * FlexyKey settings: the definitions' input rules (`GET /UnitSettings/Definitions`) and the row `PUT
 * /UnitSettings` answers.
 */
import type { IDataObject } from 'n8n-workflow';
import { booleanOf, field, fieldValue, findObject, isObject, joinVariants, normaliseKey, numberOf, type Reading, STRICT, textOf, textsOf, type Variant } from '../../shared/contract';

export interface ParamsRule {
	required: boolean;
	allowedValues: string[];
	label: string;
}

export interface SettingRules {
	setting: string;
	description?: string;
	integer: boolean;
	numeric: boolean;
	min?: number;
	max?: number;
	allowedValues?: string[];
	minLength?: number;
	maxLength?: number;
	sensitive: boolean;
	/** `undefined`: the definition says nothing about params; `null`: it takes none. */
	params?: ParamsRule | null;
	/** Keys of the definition this reader could not place: rules it may be missing. */
	unreadKeys: string[];
	variant: Variant;
}

const RULE_KEYS = {
	setting: ['setting', 'settingName', 'name', 'key'],
	type: ['type', 'valueType', 'dataType', 'kind'],
	min: ['min', 'minValue', 'minimum'],
	max: ['max', 'maxValue', 'maximum'],
	allowedValues: ['allowedValues', 'validValues', 'values', 'options', 'enum', 'choices', 'allowed', 'possibleValues', 'permittedValues', 'acceptedValues'],
	minLength: ['minLength', 'minLen'],
	maxLength: ['maxLength', 'maxLen'],
	sensitive: ['sensitive', 'secret', 'isSecret', 'isSensitive', 'masked', 'password'],
	params: ['params', 'param', 'parameter', 'parameters'],
} as const;

/** Definition keys that carry no rule. */
const NON_RULE_KEYS = ['description', 'label', 'title', 'displayName', 'category', 'group', 'default', 'defaultValue', 'example', 'unit', 'id', 'approved', 'visible', 'enabled', 'note', 'notes', 'help'];
/** Keys a definition may nest its rules under (one level). */
const RULE_ENVELOPES = ['rules', 'validation', 'constraints', 'input', 'inputRules', 'rule'];

const INTEGER_TYPES = new Set(['integer', 'int', 'int32', 'int64', 'long', 'wholenumber']);
const NUMBER_TYPES = new Set(['number', 'numeric', 'decimal', 'float', 'double']);

/**
 * A setting definition's input rules (inferred: `{ setting, description, type, min, max,
 * allowedValues, minLength, maxLength, sensitive, params: { name, required, allowedValues } | null }`).
 */
export function readSettingRules(definition: IDataObject): SettingRules | undefined {
	const name = field(definition, RULE_KEYS.setting);
	const setting = textOf(name?.value);
	if (!setting) return undefined;
	const nested = RULE_ENVELOPES.map((key) => field(definition, [key])).find((hit) => isObject(hit?.value));
	const source: IDataObject = nested ? { ...(nested.value as IDataObject), ...definition } : definition;
	const variants: Array<Variant | undefined> = [name?.variant, nested ? `rules under ${nested.key}` : undefined];
	const used = new Set<string>([name!.key, ...(nested ? [nested.key] : [])]);
	const take = (names: readonly string[]) => {
		const hit = field(source, names);
		if (hit) {
			used.add(hit.key);
			variants.push(hit.variant);
		}
		return hit?.value;
	};
	const type = normaliseKey(String(take(RULE_KEYS.type) ?? ''));
	const allowed = take(RULE_KEYS.allowedValues);
	const rules: SettingRules = {
		setting,
		description: textOf(fieldValue(definition, ['description', 'label', 'title'])),
		integer: INTEGER_TYPES.has(type),
		numeric: NUMBER_TYPES.has(type),
		min: numberOf(take(RULE_KEYS.min)),
		max: numberOf(take(RULE_KEYS.max)),
		allowedValues: textsOf(allowed, ['value', 'name', 'id']),
		minLength: numberOf(take(RULE_KEYS.minLength)),
		maxLength: numberOf(take(RULE_KEYS.maxLength)),
		sensitive: booleanOf(take(RULE_KEYS.sensitive)) === true,
		params: paramsRule(source, used, variants),
		unreadKeys: [],
		variant: STRICT,
	};
	const known = new Set([...NON_RULE_KEYS].map(normaliseKey));
	rules.unreadKeys = Object.keys(source).filter((key) => !used.has(key) && !known.has(normaliseKey(key)) && source[key] !== null && source[key] !== undefined);
	rules.variant = joinVariants(variants);
	return rules;
}

/**
 * Every definition of a `GET /UnitSettings/Definitions` list. inferred: in a list where some
 * definitions describe their params, one that leaves the key out takes none (a server that omits
 * null fields instead of sending `params: null`); when none of them mentions params, nothing is known.
 */
export function readSettingDefinitions(rows: IDataObject[]): SettingRules[] {
	const definitions = rows.map(readSettingRules).filter((rules): rules is SettingRules => rules !== undefined);
	if (!definitions.some((rules) => rules.params !== undefined)) return definitions;
	return definitions.map((rules) =>
		rules.params === undefined ? { ...rules, params: null, variant: joinVariants([rules.variant, 'params left out for none']) } : rules,
	);
}

function paramsRule(source: IDataObject, used: Set<string>, variants: Array<Variant | undefined>): ParamsRule | null | undefined {
	const keys = Object.keys(source).filter((key) => RULE_KEYS.params.some((name) => normaliseKey(name) === normaliseKey(key)));
	// inferred: a definition also states whether the setting takes params with a flag such as `hasParams`
	const flag = field(source, ['hasParams', 'paramsRequired', 'requiresParams']);
	if (flag) used.add(flag.key);
	if (keys.length === 0) {
		if (flag && booleanOf(flag.value) === false) return null;
		if (flag && booleanOf(flag.value) === true) return { required: true, allowedValues: [], label: 'params' };
		return undefined;
	}
	const key = keys[0];
	used.add(key);
	if (key !== 'params') variants.push(`${key} for params`);
	const value = source[key];
	if (value === null || value === false) return null;
	if (Array.isArray(value)) return { required: true, allowedValues: textsOf(value, ['value', 'name']) ?? [], label: 'params' };
	if (typeof value === 'string') return { required: true, allowedValues: [], label: value };
	if (value === true) return { required: true, allowedValues: [], label: 'params' };
	if (!isObject(value)) return undefined;
	return {
		required: booleanOf(fieldValue(value, ['required', 'isRequired', 'mandatory'])) === true,
		allowedValues: textsOf(fieldValue(value, RULE_KEYS.allowedValues), ['value', 'name']) ?? [],
		label: textOf(fieldValue(value, ['name', 'label', 'description'])) ?? 'params',
	};
}

/**
 * The setting row a `PUT /UnitSettings` answered with (inferred: the row itself; also accepted one
 * level down, e.g. `{ status, unitSetting: { … } }`, in an envelope, or a one-row list).
 */
export function readSettingRow(body: unknown): Reading<IDataObject> {
	return findObject(body, ['setting', 'settingName']);
}
