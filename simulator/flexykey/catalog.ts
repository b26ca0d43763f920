/**
 * Public catalogs: the CHECK command types and profiles (names and descriptions from the doc) and
 * the approved unit settings with their input rules (names from the doc, rules inferred).
 */

export interface UnitInfoType {
	typeName: string;
	description: string;
	enabled: boolean;
	visible: boolean;
	/** CHECKEXP "may return several response messages". */
	multipleResponses: boolean;
}

const documentedTypes: Array<[string, string]> = [
	['CHECKASTAT', 'Input and output status, older compatibility format'],
	['CHECKSTATUS', 'FKV2 input and output status'],
	['CHECKCOUNTERS', 'Input counters'],
	['CHECKTEMP', 'Current temperature response'],
	['CHECKSYS', 'System information'],
	['CHECKTIME', 'Unit time and uptime information'],
	['CHECKEXP', 'Expansion unit information; may return several response messages'],
	['CHECKCALSTAT', 'Calendar status'],
	['CHECKSALOFFICEMODE', 'Sallis lock office mode status'],
	['CHECKOUTPUTCAL', 'Calendars connected to outputs/locks'],
	['CHECKINPUTCAL', 'Calendars connected to inputs'],
	['CHECKESPNOWMAC', 'ESP-NOW MAC address information'],
	['CHECKWEXP', 'WEXP unit information'],
];

/**
 * The full catalog, including one internal type that is neither visible nor enabled, so the rule
 * "only visible and enabled commands are returned" has something to hide.
 */
// inferred: the internal CHECKDEBUG type and the `enabled`/`visible`/`multipleResponses` field names
export const unitInfoCatalog: readonly UnitInfoType[] = [
	...documentedTypes.map(([typeName, description]) => ({
		typeName,
		description,
		enabled: true,
		visible: true,
		multipleResponses: typeName === 'CHECKEXP',
	})),
	{ typeName: 'CHECKDEBUG', description: 'Internal diagnostics', enabled: false, visible: false, multipleResponses: true },
];

export interface UnitInfoProfile {
	profile: string;
	description: string;
	typeNames: string[];
}

export const unitInfoProfiles: readonly UnitInfoProfile[] = [
	{
		profile: 'controlStatusFull',
		description: 'Status, counters, temperature and system information',
		typeNames: ['CHECKASTAT', 'CHECKCOUNTERS', 'CHECKTEMP', 'CHECKSYS'],
	},
	{
		profile: 'controlStatusMedium',
		description: 'Status, counters and temperature',
		typeNames: ['CHECKASTAT', 'CHECKCOUNTERS', 'CHECKTEMP'],
	},
];

export function publicUnitInfoTypes(): UnitInfoType[] {
	return unitInfoCatalog.filter((type) => type.enabled && type.visible);
}

export function findPublicType(typeName: string): UnitInfoType | undefined {
	return publicUnitInfoTypes().find((type) => type.typeName === typeName);
}

export function findProfile(profile: string): UnitInfoProfile | undefined {
	return unitInfoProfiles.find((candidate) => candidate.profile === profile);
}

// ---- Unit settings ------------------------------------------------------------------------------

export interface SettingParamRule {
	name: string;
	description: string;
	required: boolean;
	allowedValues: string[];
}

export interface SettingDefinition {
	setting: string;
	description: string;
	type: 'integer' | 'string';
	min?: number;
	max?: number;
	minLength?: number;
	maxLength?: number;
	allowedValues?: string[];
	/** Values are write-only: `GET /UnitSettings` masks them. */
	sensitive: boolean;
	params: SettingParamRule | null;
}

// inferred: every rule below (types, bounds, allowed values, relay params); the doc names only the settings
export const settingDefinitions: readonly SettingDefinition[] = [
	{
		setting: 'DefaultRelayPulse',
		description: 'Default pulse length in seconds for a relay',
		type: 'integer',
		min: 1,
		max: 99999,
		sensitive: false,
		params: { name: 'relay', description: 'Relay the pulse applies to', required: true, allowedValues: ['R1', 'R2'] },
	},
	{
		setting: 'WifiMode',
		description: 'Wi-Fi mode of the unit',
		type: 'string',
		allowedValues: ['OFF', 'CLIENT', 'AP'],
		sensitive: false,
		params: null,
	},
	{
		setting: 'WifiName',
		description: 'Wi-Fi network name (SSID)',
		type: 'string',
		minLength: 1,
		maxLength: 32,
		sensitive: false,
		params: null,
	},
	{
		setting: 'WifiPassword',
		description: 'Wi-Fi password (WPA2)',
		type: 'string',
		minLength: 8,
		maxLength: 63,
		sensitive: true,
		params: null,
	},
];

export function findSettingDefinition(setting: string): SettingDefinition | undefined {
	return settingDefinitions.find((definition) => definition.setting === setting);
}
